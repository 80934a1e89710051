package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/** A virtio-scsi controller, present when a disk uses the scsi bus (else QEMU's slow LSI default is used). */
public record ControllerElement(String type, String model) {
    public static final ControllerElement VIRTIO_SCSI = new ControllerElement("scsi", "virtio-scsi");

    public void write(XmlWriter w) {
        w.start("controller").attr("type", type).attr("index", "0").attr("model", model).end();
    }
}
