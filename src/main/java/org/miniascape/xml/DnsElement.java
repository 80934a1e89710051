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
 * ({@code <dns enable='no'/>}) so that libvirt starts no dnsmasq of its own on the bridge. Read back, it holds
 * the {@code enable} attribute as the document has it (missing: on), every forwarder and every host.
 */
public record DnsElement(Optional<String> enable, List<Forwarder> forwarders, List<DnsHostElement> hosts) {

    /** {@code <forwarder domain addr/>}: where queries (for the domain, when one is given) are sent. */
    public record Forwarder(Optional<String> domain, Optional<String> addr) {
        static Forwarder read(XmlElement forwarder) {
            return new Forwarder(forwarder.attribute("domain"), forwarder.attribute("addr"));
        }

        void write(XmlWriter w) {
            w.start("forwarder");
            w.attr("domain", domain);
            w.attr("addr", addr);
            w.end();
        }
    }

    public DnsElement {
        forwarders = List.copyOf(forwarders);
        hosts = List.copyOf(hosts);
    }

    static Optional<DnsElement> of(Network network) {
        if (!network.servesDhcp()) {
            return Optional.empty();
        }
        if (network.dhcpBackend() == DhcpBackend.DNSMASQ) {
            return Optional.of(new DnsElement(Optional.of("no"), List.of(), List.of()));
        }
        List<DnsHostElement> hosts = hosts(network);
        if (network.dnsForwarders().isEmpty() && hosts.isEmpty()) {
            return Optional.empty();
        }
        List<Forwarder> forwarders = network.dnsForwarders().stream()
                .map(f -> new Forwarder(Optional.empty(), Optional.of(f.toString()))).toList();
        return Optional.of(new DnsElement(Optional.empty(), forwarders, hosts));
    }

    /** A network's {@code <dns>}: its forwarders and hosts in document order. */
    public static DnsElement read(XmlElement dns) {
        return new DnsElement(dns.attribute("enable"),
                dns.children("forwarder").stream().map(Forwarder::read).toList(),
                dns.children("host").stream().map(DnsHostElement::read).toList());
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

    /** False when libvirt's DNS is switched off ({@code enable='no'}). */
    public boolean enabled() {
        return !enable.orElse("yes").equals("no");
    }

    void write(XmlWriter w) {
        w.start("dns");
        w.attr("enable", enable);
        forwarders.forEach(f -> f.write(w));
        hosts.forEach(h -> h.write(w));
        w.end();
    }
}
