package org.miniascape.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.miniascape.model.DnsHost;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Network;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;

/**
 * The model as plain maps and lists for the templates (Jinjava reads getters and map keys, not record
 * accessors). Keys are snake_case like the configuration's. Insertion-ordered maps keep output stable.
 */
final class TemplateModel {

    private TemplateModel() {
    }

    static Map<String, Object> site(Site site) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", site.name());
        m.put("domain", site.domain());
        // nft identifiers: letters, digits and underscores are safe everywhere.
        m.put("nft_table", "miniascape_" + site.name().replaceAll("[^A-Za-z0-9_]", "_"));
        m.put("subnets", site.networks().stream().flatMap(n -> n.cidr().stream()).map(Object::toString).toList());
        List<Object> networks = new ArrayList<>();
        site.networks().forEach(n -> networks.add(network(n)));
        m.put("networks", networks);
        return m;
    }

    static Map<String, Object> network(Network n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", n.name());
        m.put("mode", n.mode().key());
        m.put("bridge", n.bridge());
        m.put("domain", n.domain());
        m.put("dhcp_backend", n.dhcpBackend().key());
        m.put("serves_dhcp", n.servesDhcp());
        m.put("cidr", n.cidr().map(Object::toString).orElse(""));
        m.put("network_address", n.cidr().map(c -> c.network().toString()).orElse(""));
        m.put("netmask", n.cidr().map(c -> c.netmask().toString()).orElse(""));
        m.put("gateway", n.gateway().map(Object::toString).orElse(""));
        m.put("forward_device", n.forwardDevice().orElse(""));
        Map<String, Object> dhcp = new LinkedHashMap<>();
        n.dhcp().ifPresent(d -> {
            d.dynamic().ifPresent(r -> dhcp.put("dynamic", Map.of("start", r.start().toString(),
                    "end", r.end().toString())));
            d.leaseSeconds().ifPresent(s -> dhcp.put("lease_seconds", s));
        });
        // Every client that can hold a lease at once, as libvirt computes it: dnsmasq's default (1,000) would
        // refuse leases on larger networks.
        dhcp.put("lease_max", n.dhcp().flatMap(d -> d.dynamic()).map(r -> r.size()).orElse(0L)
                + n.reservations().size());
        m.put("dhcp", dhcp);
        m.put("dns_forwarders", n.dnsForwarders().stream().map(Object::toString).toList());
        List<Object> reservations = new ArrayList<>();
        for (Reservation r : n.reservations()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("name", r.name());
            rm.put("dhcp_name", r.dhcpName().orElse(""));
            rm.put("hostsfile_line", DnsmasqLines.hostsfile(r));
            rm.put("mac", r.mac().toString());
            rm.put("ip", r.ip().toString());
            rm.put("guest", r.guest());
            reservations.add(rm);
        }
        m.put("reservations", reservations);
        m.put("dns_hosts", dnsEntries(n));
        return m;
    }

    /**
     * Every name the network's DNS answers for, one entry per address in address order: extra DNS hosts and
     * reservations merged. {@code names} holds each name as FQDN (names without a dot get the network's domain)
     * followed by the short name, as hosts(5) lines want them.
     */
    static List<Object> dnsEntries(Network n) {
        Map<Ipv4, Set<String>> byAddress = new TreeMap<>();
        for (DnsHost h : n.dnsHosts()) {
            Set<String> names = byAddress.computeIfAbsent(h.ip(), ip -> new LinkedHashSet<>());
            h.names().forEach(name -> addName(names, name, n.domain()));
        }
        for (Reservation r : n.reservations()) {
            r.dns().ifPresent(name -> addName(byAddress.computeIfAbsent(r.ip(), ip -> new LinkedHashSet<>()), name,
                    n.domain()));
        }
        List<Object> entries = new ArrayList<>();
        byAddress.forEach((ip, names) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("ip", ip.toString());
            e.put("names", List.copyOf(names));
            entries.add(e);
        });
        return entries;
    }

    private static void addName(Set<String> names, String name, String domain) {
        if (!name.contains(".") && domain != null && !domain.isEmpty()) {
            names.add(name + "." + domain);
        }
        names.add(name);
    }
}
