package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <video>} with its {@code <model type>}: miniascape writes a virtio card. Read back, the model holds
 * what the document has: libvirt adds the number of heads and which card is primary, and a QXL or VGA card's
 * video memory.
 */
public record VideoElement(Optional<Model> model) implements DeviceElement {

    /** {@code <model type vram heads primary/>}. */
    public record Model(Optional<String> type, Optional<String> vram, Optional<String> heads,
                        Optional<String> primary) {

        static Model read(XmlElement model) {
            return new Model(model.attribute("type"), model.attribute("vram"), model.attribute("heads"),
                    model.attribute("primary"));
        }

        void write(XmlWriter w) {
            w.start("model");
            w.attr("type", type);
            w.attr("vram", vram);
            w.attr("heads", heads);
            w.attr("primary", primary);
            w.end();
        }
    }

    /** A {@code <video>} as libvirt (or anyone) wrote it. */
    public static VideoElement read(XmlElement video) {
        return new VideoElement(video.child("model").map(Model::read));
    }

    @Override
    public void write(XmlWriter w) {
        w.start("video");
        model.ifPresent(m -> m.write(w));
        w.end();
    }
}
