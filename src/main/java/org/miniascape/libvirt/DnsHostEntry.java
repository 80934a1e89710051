package org.miniascape.libvirt;

import java.util.List;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/** One {@code <host ip>} of a network's {@code <dns>} with its host names. */
public record DnsHostEntry(String ip, List<String> names) {

    /** A {@code <host>} of a network's {@code <dns>}: its address and {@code <hostname>}s. */
    static DnsHostEntry of(XmlElement host) {
        return new DnsHostEntry(host.attr("ip"), host.children("hostname").stream().map(h -> h.text().strip())
                .toList());
    }

    public String toXml() {
        XmlWriter w = new XmlWriter().start("host").attr("ip", ip);
        names.forEach(n -> w.element("hostname", n));
        return w.finish().strip();
    }

    /** A delete matches by address alone, so that it finds exactly this entry. */
    String deleteXml() {
        return new XmlWriter().start("host").attr("ip", ip).finish().strip();
    }

    @Override
    public String toString() {
        return ip + " " + String.join(" ", names);
    }
}
