package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/** {@code <serial type='pty'>} and the {@code <console>} on it, so that {@code virsh console NAME} works. */
public record SerialConsoleElements() {

    public void write(XmlWriter w) {
        w.start("serial").attr("type", "pty");
        w.start("target").attr("type", "isa-serial").attr("port", "0");
        w.start("model").attr("name", "isa-serial").end();
        w.end();
        w.end();
        w.start("console").attr("type", "pty");
        w.start("target").attr("type", "serial").attr("port", "0").end();
        w.end();
    }
}
