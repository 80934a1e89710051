package org.miniascape.xml;

import java.util.Locale;
import java.util.Optional;
import org.miniascape.model.Reservation;

/**
 * {@code <host mac ip name/>} inside a network's {@code <dhcp>}: one DHCP reservation, with the values the
 * document holds. Read back from libvirt any attribute may be missing; the MAC is kept in lower case. The
 * generated definition writes mac, ip, name; the fragment virNetworkUpdate takes is written in libvirt's own
 * order, mac, name, ip, the form plans show.
 */
public record DhcpHostElement(Optional<String> mac, Optional<String> name, Optional<String> ip) {

    /** A {@code <host>} of a network's {@code <dhcp>} as libvirt (or anyone) wrote it. */
    public static DhcpHostElement read(XmlElement host) {
        return new DhcpHostElement(host.attribute("mac").map(m -> m.toLowerCase(Locale.ROOT)),
                host.attribute("name"), host.attribute("ip"));
    }

    /**
     * The entry of a reservation. One left out of DNS ({@code dns: false}) hands out no name: dnsmasq would put
     * it in DNS for the lease.
     */
    public static DhcpHostElement of(Reservation reservation) {
        return new DhcpHostElement(Optional.of(reservation.mac().toString()), reservation.dhcpName(),
                Optional.of(reservation.ip().toString()));
    }

    /** The element as the generated network definition has it. */
    void write(XmlWriter w) {
        w.start("host");
        w.attr("mac", mac);
        w.attr("ip", ip);
        w.attr("name", name);
        w.end();
    }

    /** The fragment virNetworkUpdate takes; for a delete every attribute given must match the entry. */
    public String toXml() {
        XmlWriter w = new XmlWriter().start("host");
        w.attr("mac", mac);
        w.attr("name", name);
        w.attr("ip", ip);
        return w.end().finish().strip();
    }

    /**
     * An XPath 1.0 query that finds this entry in a network's XML: every attribute it has must have its value,
     * and one it has not must be missing.
     */
    public String xpath() {
        return "/network/ip/dhcp/host[" + test("mac", mac) + " and " + test("ip", ip) + " and " + test("name", name)
                + "]";
    }

    private static String test(String attribute, Optional<String> value) {
        return value.map(v -> "@" + attribute + "=" + XPathLiteral.of(v)).orElse("not(@" + attribute + ")");
    }

    @Override
    public String toString() {
        return mac.orElse("-") + " " + ip.orElse("-") + " " + name.orElse("-");
    }
}
