package org.miniascape.xml.domain;

import org.miniascape.model.Hardware;
import org.miniascape.xml.XmlWriter;

/**
 * A VNC or SPICE display on the host's loopback (a port libvirt picks) and a virtio video card: the guest's
 * {@code console.graphics}, by default a VNC display for a guest that asked for no serial console.
 */
public record GraphicsElements(Hardware.Graphics type) {

    public void write(XmlWriter w) {
        if (type == Hardware.Graphics.NONE) {
            return;
        }
        w.start("graphics").attr("type", type.key()).attr("port", "-1").attr("autoport", "yes");
        w.start("listen").attr("type", "address").attr("address", "127.0.0.1").end();
        w.end();
        w.start("video");
        w.start("model").attr("type", "virtio").end();
        w.end();
    }
}
