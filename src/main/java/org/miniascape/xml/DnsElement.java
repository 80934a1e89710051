package org.miniascape.xml;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.DnsHost;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Network;
import org.miniascape.model.Reservation;

/**
 * {@code <dns>}: upstream forwarders, then one {@code <host>} per address (extra DNS hosts and reservations,
 * merged by address, in address order). With the standalone dnsmasq backend libvirt's DNS is switched off
 * ({@code <dns enable='no'/>}) so that libvirt starts no dnsmasq of its own on the bridge.
 */
record DnsElement(boolean enabled, List<Ipv4> forwarders, List<DnsHostElement> hosts) {

    static Optional<DnsElement> of(Network network) {
        if (!network.servesDhcp()) {
            return Optional.empty();
        }
        if (network.dhcpBackend() == DhcpBackend.DNSMASQ) {
            return Optional.of(new DnsElement(false, List.of(), List.of()));
        }
        List<DnsHostElement> hosts = hosts(network);
        if (network.dnsForwarders().isEmpty() && hosts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DnsElement(true, network.dnsForwarders(), hosts));
    }

    /** Every name the network's DNS answers for, grouped by address (a DNS host may share a reservation's). */
    static List<DnsHostElement> hosts(Network network) {
        Map<Ipv4, Set<String>> byAddress = new TreeMap<>();
        for (DnsHost h : network.dnsHosts()) {
            byAddress.computeIfAbsent(h.ip(), ip -> new LinkedHashSet<>()).addAll(h.names());
        }
        for (Reservation r : network.reservations()) {
            r.dns().ifPresent(name -> byAddress.computeIfAbsent(r.ip(), ip -> new LinkedHashSet<>()).add(name));
        }
        List<DnsHostElement> hosts = new ArrayList<>();
        byAddress.forEach((ip, names) -> hosts.add(DnsHostElement.of(ip, names)));
        return hosts;
    }

    void write(XmlWriter w) {
        w.start("dns");
        if (!enabled) {
            w.attr("enable", "no").end();
            return;
        }
        for (Ipv4 f : forwarders) {
            w.start("forwarder").attr("addr", f.toString()).end();
        }
        hosts.forEach(h -> h.write(w));
        w.end();
    }
}
