package org.miniascape.libvirt;

import java.util.Locale;
import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/** One {@code <host>} of a network's {@code <dhcp>}, as found in its XML (any attribute may be missing). */
public record DhcpHostEntry(Optional<String> mac, Optional<String> name, Optional<String> ip) {

    /** A {@code <host>} of a network's {@code <dhcp>}, its MAC in lower case. */
    static DhcpHostEntry of(XmlElement host) {
        return new DhcpHostEntry(host.attribute("mac").map(m -> m.toLowerCase(Locale.ROOT)), host.attribute("name"),
                host.attribute("ip"));
    }

    /** The fragment virNetworkUpdate takes; for a delete every attribute given must match the entry. */
    public String toXml() {
        XmlWriter w = new XmlWriter().start("host");
        mac.ifPresent(m -> w.attr("mac", m));
        name.ifPresent(n -> w.attr("name", n));
        ip.ifPresent(i -> w.attr("ip", i));
        return w.finish().strip();
    }

    /** True when virNetworkUpdate would take {@code other} for this entry: same MAC, name or address. */
    boolean clashes(DhcpHostEntry other) {
        return same(mac, other.mac) || same(name, other.name) || same(ip, other.ip);
    }

    private static boolean same(Optional<String> a, Optional<String> b) {
        return a.isPresent() && b.isPresent() && a.get().equalsIgnoreCase(b.get());
    }

    @Override
    public String toString() {
        return mac.orElse("-") + " " + ip.orElse("-") + " " + name.orElse("-");
    }
}
