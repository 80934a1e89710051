package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <console type='pty'>} on a serial port ({@code <target type='serial' port>}), so that
 * {@code virsh console NAME} works. Read back, it holds what the document has: a running domain's console names
 * its pty ({@code tty} and {@code <source path>}) and repeats the serial port's log.
 */
public record ConsoleElement(Optional<String> type, Optional<String> tty, Optional<String> sourcePath,
                             Optional<SerialElement.Log> log, Optional<Target> target) implements DeviceElement {

    /** {@code <target type port/>}: the port the console is on. */
    public record Target(Optional<String> type, Optional<String> port) {

        static Target read(XmlElement target) {
            return new Target(target.attribute("type"), target.attribute("port"));
        }

        void write(XmlWriter w) {
            w.start("target");
            w.attr("type", type);
            w.attr("port", port);
            w.end();
        }
    }

    /** A {@code <console>} as libvirt (or anyone) wrote it. */
    public static ConsoleElement read(XmlElement console) {
        return new ConsoleElement(console.attribute("type"), console.attribute("tty"),
                SerialElement.sourcePath(console), console.child("log").map(SerialElement.Log::read),
                console.child("target").map(Target::read));
    }

    @Override
    public void write(XmlWriter w) {
        w.start("console");
        w.attr("type", type);
        w.attr("tty", tty);
        sourcePath.ifPresent(p -> w.start("source").attr("path", p).end());
        log.ifPresent(l -> l.write(w));
        target.ifPresent(t -> t.write(w));
        w.end();
    }
}
