package org.miniascape.xml;

import java.util.List;
import java.util.Optional;
import org.miniascape.model.AddressRange;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.Network;

/**
 * {@code <dhcp>}: the dynamic pool as {@code <range>} and one {@code <host mac ip name>} per reservation in
 * address order. Absent with the standalone dnsmasq backend (it serves DHCP then) and when the network has
 * neither a pool nor reservations.
 */
record DhcpElement(Optional<RangeElement> range, List<DhcpHostElement> hosts) {

    static Optional<DhcpElement> of(Network network) {
        if (network.dhcpBackend() == DhcpBackend.DNSMASQ) {
            return Optional.empty();
        }
        Optional<RangeElement> range = network.dhcp().flatMap(d -> d.dynamic().map(
                (AddressRange r) -> new RangeElement(r, d.leaseSeconds())));
        List<DhcpHostElement> hosts = network.reservations().stream().map(DhcpHostElement::of).toList();
        if (range.isEmpty() && hosts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DhcpElement(range, hosts));
    }

    void write(XmlWriter w) {
        w.start("dhcp");
        range.ifPresent(r -> r.write(w));
        hosts.forEach(h -> h.write(w));
        w.end();
    }
}
