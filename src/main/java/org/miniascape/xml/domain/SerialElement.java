package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <serial type='pty'>}: a serial port, logged on the host ({@code <log file append>}) on its
 * {@code <target type port>} with its {@code <model name>}. Read back, it holds what the document has: a running
 * domain's pty has its {@code <source path>}. libvirt's order: source, log, target.
 */
public record SerialElement(Optional<String> type, Optional<String> sourcePath, Optional<Log> log,
                            Optional<Target> target) implements DeviceElement {

    /** {@code <log file append/>}: where the host keeps what the port printed. */
    public record Log(Optional<String> file, Optional<String> append) {

        static Log read(XmlElement log) {
            return new Log(log.attribute("file"), log.attribute("append"));
        }

        void write(XmlWriter w) {
            w.start("log");
            w.attr("file", file);
            w.attr("append", append);
            w.end();
        }
    }

    /** {@code <target type port>} with its {@code <model name/>}. */
    public record Target(Optional<String> type, Optional<String> port, Optional<String> model) {

        static Target read(XmlElement target) {
            return new Target(target.attribute("type"), target.attribute("port"),
                    target.child("model").flatMap(m -> m.attribute("name")));
        }

        void write(XmlWriter w) {
            w.start("target");
            w.attr("type", type);
            w.attr("port", port);
            model.ifPresent(m -> w.start("model").attr("name", m).end());
            w.end();
        }
    }

    /** A {@code <serial>} as libvirt (or anyone) wrote it. */
    public static SerialElement read(XmlElement serial) {
        return new SerialElement(serial.attribute("type"), sourcePath(serial),
                serial.child("log").map(Log::read), serial.child("target").map(Target::read));
    }

    static Optional<String> sourcePath(XmlElement device) {
        return device.child("source").flatMap(s -> s.attribute("path"));
    }

    @Override
    public void write(XmlWriter w) {
        w.start("serial");
        w.attr("type", type);
        sourcePath.ifPresent(p -> w.start("source").attr("path", p).end());
        log.ifPresent(l -> l.write(w));
        target.ifPresent(t -> t.write(w));
        w.end();
    }
}
