package org.miniascape.xml.domain;

import java.util.List;
import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <graphics type port autoport>}: a VNC or SPICE display, listening where its {@code <listen>} elements
 * say. Read back, it holds what the document has: a running domain's display has the port libvirt picked and
 * repeats its first listen address as a {@code listen} attribute.
 */
public record GraphicsElement(Optional<String> type, Optional<String> port, Optional<String> autoport,
                              Optional<String> listen, List<Listen> listens) implements DeviceElement {

    public GraphicsElement {
        listens = List.copyOf(listens);
    }

    /** {@code <listen type address network/>}. */
    public record Listen(Optional<String> type, Optional<String> address, Optional<String> network) {

        static Listen read(XmlElement listen) {
            return new Listen(listen.attribute("type"), listen.attribute("address"), listen.attribute("network"));
        }

        void write(XmlWriter w) {
            w.start("listen");
            w.attr("type", type);
            w.attr("address", address);
            w.attr("network", network);
            w.end();
        }
    }

    /** A {@code <graphics>} as libvirt (or anyone) wrote it. */
    public static GraphicsElement read(XmlElement graphics) {
        return new GraphicsElement(graphics.attribute("type"), graphics.attribute("port"),
                graphics.attribute("autoport"), graphics.attribute("listen"),
                graphics.children("listen").stream().map(Listen::read).toList());
    }

    @Override
    public void write(XmlWriter w) {
        w.start("graphics");
        w.attr("type", type);
        w.attr("port", port);
        w.attr("autoport", autoport);
        w.attr("listen", listen);
        listens.forEach(l -> l.write(w));
        w.end();
    }
}
