package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/**
 * {@code <serial type='pty'>} and the {@code <console>} on it, so that {@code virsh console NAME} works. The
 * serial port is also logged on the libvirt host, appended across boots, to {@link #logFile}: what the guest
 * printed before anyone attached is kept. In libvirt's schema {@code <log>} follows the source and precedes
 * {@code <target>}.
 */
public record SerialConsoleElements(String logFile) {
    /** Where libvirt's qemu driver keeps each domain's own log ({@code NAME.log}). */
    public static final String LOG_DIRECTORY = "/var/log/libvirt/qemu";

    /** The serial log of a guest: {@code /var/log/libvirt/qemu/NAME-serial.log}. */
    public static SerialConsoleElements forGuest(String guestName) {
        return new SerialConsoleElements(LOG_DIRECTORY + "/" + guestName + "-serial.log");
    }

    public void write(XmlWriter w) {
        w.start("serial").attr("type", "pty");
        w.start("log").attr("file", logFile).attr("append", "on").end();
        w.start("target").attr("type", "isa-serial").attr("port", "0");
        w.start("model").attr("name", "isa-serial").end();
        w.end();
        w.end();
        w.start("console").attr("type", "pty");
        w.start("target").attr("type", "serial").attr("port", "0").end();
        w.end();
    }
}
