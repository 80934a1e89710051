package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/**
 * A VNC display on the host's loopback and a virtio video card: how to reach a guest that asked for no serial
 * console ({@code console: {serial: false}}).
 */
public record GraphicsElements() {

    public void write(XmlWriter w) {
        w.start("graphics").attr("type", "vnc").attr("port", "-1").attr("autoport", "yes");
        w.start("listen").attr("type", "address").attr("address", "127.0.0.1").end();
        w.end();
        w.start("video");
        w.start("model").attr("type", "virtio").end();
        w.end();
    }
}
