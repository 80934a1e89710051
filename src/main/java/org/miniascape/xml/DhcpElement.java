package org.miniascape.xml;

import java.util.List;
import java.util.Optional;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.Network;

/**
 * {@code <dhcp>}: the dynamic pool as {@code <range>} and one {@code <host mac ip name>} per reservation in
 * address order. Absent with the standalone dnsmasq backend (it serves DHCP then) and when the network has
 * neither a pool nor reservations. Read back, it holds every range and host the document has.
 */
public record DhcpElement(List<RangeElement> ranges, List<DhcpHostElement> hosts) {

    public DhcpElement {
        ranges = List.copyOf(ranges);
        hosts = List.copyOf(hosts);
    }

    static Optional<DhcpElement> of(Network network) {
        if (network.dhcpBackend() == DhcpBackend.DNSMASQ) {
            return Optional.empty();
        }
        List<RangeElement> ranges = network.dhcp().flatMap(d -> d.dynamic().map(
                r -> RangeElement.of(r, d.leaseSeconds()))).stream().toList();
        List<DhcpHostElement> hosts = network.reservations().stream().map(DhcpHostElement::of).toList();
        if (ranges.isEmpty() && hosts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DhcpElement(ranges, hosts));
    }

    /** The {@code <dhcp>} of a network's {@code <ip>}: its ranges and hosts, in document order. */
    public static DhcpElement read(XmlElement dhcp) {
        return new DhcpElement(dhcp.children("range").stream().map(RangeElement::read).toList(),
                dhcp.children("host").stream().map(DhcpHostElement::read).toList());
    }

    void write(XmlWriter w) {
        w.start("dhcp");
        ranges.forEach(r -> r.write(w));
        hosts.forEach(h -> h.write(w));
        w.end();
    }
}
