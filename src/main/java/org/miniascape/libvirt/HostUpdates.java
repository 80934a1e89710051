package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniascape.libvirt.NetworkUpdate.Command;
import org.miniascape.libvirt.NetworkUpdate.Section;
import org.miniascape.xml.DhcpHostElement;
import org.miniascape.xml.DnsHostElement;

/**
 * The virNetworkUpdate calls that turn a network's DHCP and DNS hosts into the desired ones, in an order
 * libvirt accepts. libvirt's matching rules: an add fails when any of MAC, name or address
 * matches an existing entry; a modify replaces the first entry matching any of them; a delete needs every
 * attribute given to match. So: removed entries are deleted first (with all their attributes); a changed
 * reservation is modified in place when nothing else holds its new name or address, else deleted and added
 * back after the others; DNS hosts (no modify before libvirt 10.6) are deleted by address and added.
 */
public final class HostUpdates {

    private HostUpdates() {
    }

    public static List<NetworkUpdate> plan(NetworkDefinition live, NetworkDefinition desired) {
        List<NetworkUpdate> out = new ArrayList<>();
        dhcp(live.dhcpHosts(), desired.dhcpHosts(), out);
        dns(live.dnsHosts(), desired.dnsHosts(), out);
        return out;
    }

    private static void dhcp(List<DhcpHostElement> live, List<DhcpHostElement> desired,
                             List<NetworkUpdate> out) {
        Map<String, DhcpHostElement> want = new LinkedHashMap<>();
        desired.forEach(d -> want.put(key(d), d));
        // What the network holds as we go, so each step is checked against the state it will meet.
        List<DhcpHostElement> current = new ArrayList<>(live);
        List<DhcpHostElement> toAdd = new ArrayList<>();

        for (DhcpHostElement l : live) {
            DhcpHostElement d = want.get(key(l));
            if (d == null) {
                out.add(NetworkUpdate.of(Command.DELETE, Section.IP_DHCP_HOST, l.toXml()));
                current.remove(l);
            }
        }
        Map<String, DhcpHostElement> liveByKey = new LinkedHashMap<>();
        current.forEach(l -> liveByKey.putIfAbsent(key(l), l));
        for (DhcpHostElement d : desired) {
            Optional<DhcpHostElement> existing = Optional.ofNullable(liveByKey.get(key(d)));
            if (existing.isEmpty()) {
                toAdd.add(d);
            } else if (!existing.get().equals(d)) {
                DhcpHostElement old = existing.get();
                boolean clear = current.stream().filter(c -> c != old).noneMatch(c -> clash(c, d));
                if (clear) {
                    out.add(NetworkUpdate.of(Command.MODIFY, Section.IP_DHCP_HOST, d.toXml()));
                    current.set(current.indexOf(old), d);
                } else {
                    out.add(NetworkUpdate.of(Command.DELETE, Section.IP_DHCP_HOST, old.toXml()));
                    current.remove(old);
                    toAdd.add(d);
                }
            }
        }
        for (DhcpHostElement d : toAdd) {
            // Whatever still holds its name or address is stale (not wanted in that form): take it out first.
            for (DhcpHostElement c : List.copyOf(current)) {
                if (clash(c, d)) {
                    out.add(NetworkUpdate.of(Command.DELETE, Section.IP_DHCP_HOST, c.toXml()));
                    current.remove(c);
                }
            }
            out.add(NetworkUpdate.of(Command.ADD_LAST, Section.IP_DHCP_HOST, d.toXml()));
            current.add(d);
        }
    }

    /** Reservations are keyed by MAC; an entry without one (hand-made) by all it has. */
    private static String key(DhcpHostElement e) {
        return e.mac().map(m -> "mac:" + m).orElse("entry:" + e);
    }

    /** True when virNetworkUpdate would take one entry for the other: same MAC, name or address. */
    private static boolean clash(DhcpHostElement a, DhcpHostElement b) {
        return same(a.mac(), b.mac()) || same(a.name(), b.name()) || same(a.ip(), b.ip());
    }

    private static boolean same(Optional<String> a, Optional<String> b) {
        return a.isPresent() && b.isPresent() && a.get().equalsIgnoreCase(b.get());
    }

    private static void dns(List<DnsHostElement> live, List<DnsHostElement> desired, List<NetworkUpdate> out) {
        List<DnsHostElement> adds = new ArrayList<>();
        for (DnsHostElement l : live) {
            if (!desired.contains(l)) {
                // A delete matches by address alone, so that it finds exactly this entry.
                DnsHostElement byAddress = new DnsHostElement(l.ip(), List.of());
                out.add(NetworkUpdate.of(Command.DELETE, Section.DNS_HOST, byAddress.toXml()));
            }
        }
        for (DnsHostElement d : desired) {
            if (!live.contains(d)) {
                adds.add(d);
            }
        }
        for (DnsHostElement d : adds) {
            out.add(NetworkUpdate.of(Command.ADD_LAST, Section.DNS_HOST, d.toXml()));
        }
    }
}
