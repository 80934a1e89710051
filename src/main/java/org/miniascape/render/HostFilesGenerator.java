package org.miniascape.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.miniascape.model.DnsHost;
import org.miniascape.model.Guest;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;

/**
 * Site-wide host files: {@code host/hosts} (hosts(5) lines for every DNS name of the site) and
 * {@code host/nftables.conf} (NAT and filter rules for the site's networks, in a table of their own).
 *
 * <p>In {@code host/hosts} every name is at one address, and each is a name that the address's own network
 * answers for (its dnsmasq serves a reservation as {@code NAME} and {@code NAME.DOMAIN}, DOMAIN the network's):
 * <ul>
 * <li>a guest's first address (that of its first interface with one, as {@code ssh}, {@code ssh_config} and the
 *     inventory use) is {@code NAME.DOMAIN NAME};</li>
 * <li>each further address of the guest is {@code NAME.DOMAIN} of its network when that name is not already
 *     one of the guest's (the network has a domain of its own); otherwise the address has no name of the guest
 *     that is not already another address's, and the file says so in a comment line instead of listing one
 *     name at several addresses;</li>
 * <li>a network's {@code hosts} and {@code dns.hosts} keep every name as declared, on their own network.</li>
 * </ul>
 */
public final class HostFilesGenerator implements Generator {
    private static final String HOSTS = "host/hosts.j2";
    private static final String NFTABLES = "host/nftables.conf.j2";

    @Override
    public List<String> templateNames() {
        return List.of(HOSTS, NFTABLES);
    }

    @Override
    public void generate(Site site, Templates templates, OutputTree out) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("site", TemplateModel.site(site));
        vars.put("hosts", hosts(site));
        out.write("host/hosts", templates.render(HOSTS, vars));
        out.write("host/nftables.conf", templates.render(NFTABLES, vars));
    }

    /** A guest interface's names in host/hosts: {@code names} may be empty, then {@code note} says why. */
    record GuestNames(List<String> names, String note) {
    }

    /**
     * The entries of host/hosts, per network in site order: {@code name}, {@code cidr} and {@code entries}, each
     * {@code ip}, {@code names} (possibly empty) and {@code notes} (comment lines), in address order. Networks
     * without an entry are left out.
     */
    static List<Object> hosts(Site site) {
        Map<String, Map<String, GuestNames>> byNic = guestNames(site);
        List<Object> networks = new ArrayList<>();
        for (Network n : site.networks()) {
            Map<Ipv4, Set<String>> names = new TreeMap<>();
            Map<Ipv4, List<String>> notes = new HashMap<>();
            for (DnsHost h : n.dnsHosts()) {
                Set<String> at = names.computeIfAbsent(h.ip(), ip -> new LinkedHashSet<>());
                h.names().forEach(name -> addName(at, name, n.domain()));
            }
            for (Reservation r : n.reservations()) {
                if (r.dns().isEmpty()) {
                    continue; // dns: false
                }
                Set<String> at = names.computeIfAbsent(r.ip(), ip -> new LinkedHashSet<>());
                GuestNames g = r.guest() ? byNic.getOrDefault(r.name(), Map.of()).get(key(n.name(), r.ip())) : null;
                if (g == null) {
                    addName(at, r.name(), n.domain());
                } else {
                    at.addAll(g.names());
                    if (g.note() != null) {
                        notes.computeIfAbsent(r.ip(), ip -> new ArrayList<>()).add(g.note());
                    }
                }
            }
            List<Object> entries = new ArrayList<>();
            names.forEach((ip, at) -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("ip", ip.toString());
                e.put("names", List.copyOf(at));
                e.put("notes", notes.getOrDefault(ip, List.of()));
                entries.add(e);
            });
            if (!entries.isEmpty()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", n.name());
                m.put("cidr", n.cidr().map(Object::toString).orElse(""));
                m.put("entries", entries);
                networks.add(m);
            }
        }
        return networks;
    }

    /** Per guest, per interface address ({@link #key}): the names host/hosts gives it. */
    static Map<String, Map<String, GuestNames>> guestNames(Site site) {
        Map<String, Map<String, GuestNames>> all = new HashMap<>();
        for (Guest g : site.guests()) {
            Map<String, GuestNames> nics = new HashMap<>();
            // Each of the guest's names, with the address and network it names.
            Map<String, String> taken = new HashMap<>();
            for (Nic nic : g.nics()) {
                if (nic.ip().isEmpty()) {
                    continue;
                }
                Ipv4 ip = nic.ip().get();
                Network n = site.network(nic.network()).orElseThrow();
                if (nic.dnsNameOf(g.name()).isEmpty()) {
                    nics.put(key(n.name(), ip), new GuestNames(List.of(), null));
                    continue;
                }
                Set<String> names = new LinkedHashSet<>();
                addName(names, nic.dnsNameOf(g.name()).get(), n.domain());
                String where = ip + " on " + n.name();
                if (taken.isEmpty()) {
                    names.forEach(name -> taken.put(name, where));
                    nics.put(key(n.name(), ip), new GuestNames(List.copyOf(names), null));
                    continue;
                }
                String fqdn = names.iterator().next();
                if (!taken.containsKey(fqdn)) {
                    taken.put(fqdn, where);
                    nics.put(key(n.name(), ip), new GuestNames(List.of(fqdn), null));
                } else {
                    nics.put(key(n.name(), ip), new GuestNames(List.of(), g.name() + ", unnamed here: "
                            + fqdn + " is " + taken.get(fqdn) + " (a domain of " + n.name() + "'s own names it)"));
                }
            }
            all.put(g.name(), nics);
        }
        return all;
    }

    private static String key(String network, Ipv4 ip) {
        return network + " " + ip;
    }

    /** NAME.DOMAIN (for a name without a dot), then NAME, as the networks' DNS answers for a reservation. */
    private static void addName(Set<String> names, String name, String domain) {
        if (!name.contains(".") && domain != null && !domain.isEmpty()) {
            names.add(name + "." + domain);
        }
        names.add(name);
    }
}
