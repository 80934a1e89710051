package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <rng model='virtio'>}, a virtio RNG fed from the host's /dev/urandom: fresh guests otherwise wait for
 * entropy at first boot. Read back, it holds the model and the backend's model and device as written (an
 * {@code egd} backend has no device text).
 */
public record RngElement(Optional<String> model, Optional<Backend> backend) implements DeviceElement {
    /** The RNG miniascape defines. */
    public static final RngElement URANDOM = new RngElement(Optional.of("virtio"),
            Optional.of(new Backend(Optional.of("random"), Optional.of("/dev/urandom"))));

    /** {@code <backend model>DEVICE</backend>}. */
    public record Backend(Optional<String> model, Optional<String> device) {

        static Backend read(XmlElement backend) {
            return new Backend(backend.attribute("model"), Optional.of(backend.text())
                    .filter(t -> !t.isBlank()));
        }

        void write(XmlWriter w) {
            w.start("backend");
            w.attr("model", model);
            device.ifPresent(w::text);
            w.end();
        }
    }

    /** An {@code <rng>} as libvirt (or anyone) wrote it. */
    public static RngElement read(XmlElement rng) {
        return new RngElement(rng.attribute("model"), rng.child("backend").map(Backend::read));
    }

    @Override
    public void write(XmlWriter w) {
        w.start("rng");
        w.attr("model", model);
        backend.ifPresent(b -> b.write(w));
        w.end();
    }
}
