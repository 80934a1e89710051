package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <controller type index model>}: miniascape writes a virtio-scsi controller when a disk uses the scsi bus
 * (else QEMU's slow LSI default is used). Read back, it holds what the document has: libvirt adds a controller
 * for each bus it uses ({@code pci} with {@code pcie-root} and its root ports, {@code usb}, {@code sata},
 * {@code virtio-serial}), with the USB ports, the root port's {@code <model name>} and its
 * {@code <target chassis port>}.
 */
public record ControllerElement(Optional<String> type, Optional<String> index, Optional<String> model,
                                Optional<String> ports, Optional<String> modelName, Optional<Target> target)
        implements DeviceElement {
    public static final ControllerElement VIRTIO_SCSI = new ControllerElement(Optional.of("scsi"), Optional.of("0"),
            Optional.of("virtio-scsi"), Optional.empty(), Optional.empty(), Optional.empty());

    /** {@code <target chassis port/>} of a PCI(e) controller. */
    public record Target(Optional<String> chassis, Optional<String> port) {

        static Target read(XmlElement target) {
            return new Target(target.attribute("chassis"), target.attribute("port"));
        }

        void write(XmlWriter w) {
            w.start("target");
            w.attr("chassis", chassis);
            w.attr("port", port);
            w.end();
        }
    }

    /** A {@code <controller>} as libvirt (or anyone) wrote it. */
    public static ControllerElement read(XmlElement controller) {
        return new ControllerElement(controller.attribute("type"), controller.attribute("index"),
                controller.attribute("model"), controller.attribute("ports"),
                controller.child("model").flatMap(m -> m.attribute("name")),
                controller.child("target").map(Target::read));
    }

    @Override
    public void write(XmlWriter w) {
        w.start("controller");
        w.attr("type", type);
        w.attr("index", index);
        w.attr("model", model);
        w.attr("ports", ports);
        modelName.ifPresent(n -> w.start("model").attr("name", n).end());
        target.ifPresent(t -> t.write(w));
        w.end();
    }
}
