package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.miniascape.libvirt.NetworkUpdate.Command;
import org.miniascape.libvirt.NetworkUpdate.Section;

/**
 * The virNetworkUpdate calls that turn a network's DHCP and DNS hosts into the desired ones, in an order
 * libvirt accepts. libvirt's matching rules (field notes 3): an add fails when any of MAC, name or address
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

    private static void dhcp(List<DhcpHostEntry> live, List<DhcpHostEntry> desired, List<NetworkUpdate> out) {
        Map<String, DhcpHostEntry> want = new LinkedHashMap<>();
        desired.forEach(d -> want.put(key(d), d));
        // What the network holds as we go, so each step is checked against the state it will meet.
        List<DhcpHostEntry> current = new ArrayList<>(live);
        List<DhcpHostEntry> toAdd = new ArrayList<>();

        for (DhcpHostEntry l : live) {
            DhcpHostEntry d = want.get(key(l));
            if (d == null) {
                out.add(NetworkUpdate.of(Command.DELETE, Section.IP_DHCP_HOST, l.toXml()));
                current.remove(l);
            }
        }
        Map<String, DhcpHostEntry> liveByKey = new LinkedHashMap<>();
        current.forEach(l -> liveByKey.putIfAbsent(key(l), l));
        for (DhcpHostEntry d : desired) {
            Optional<DhcpHostEntry> existing = Optional.ofNullable(liveByKey.get(key(d)));
            if (existing.isEmpty()) {
                toAdd.add(d);
            } else if (!existing.get().equals(d)) {
                DhcpHostEntry old = existing.get();
                boolean clear = current.stream().filter(c -> c != old).noneMatch(c -> c.clashes(d));
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
        for (DhcpHostEntry d : toAdd) {
            // Whatever still holds its name or address is stale (not wanted in that form): take it out first.
            for (DhcpHostEntry c : List.copyOf(current)) {
                if (c.clashes(d)) {
                    out.add(NetworkUpdate.of(Command.DELETE, Section.IP_DHCP_HOST, c.toXml()));
                    current.remove(c);
                }
            }
            out.add(NetworkUpdate.of(Command.ADD_LAST, Section.IP_DHCP_HOST, d.toXml()));
            current.add(d);
        }
    }

    /** Reservations are keyed by MAC; an entry without one (hand-made) by all it has. */
    private static String key(DhcpHostEntry e) {
        return e.mac().map(m -> "mac:" + m).orElse("entry:" + e);
    }

    private static void dns(List<DnsHostEntry> live, List<DnsHostEntry> desired, List<NetworkUpdate> out) {
        List<DnsHostEntry> adds = new ArrayList<>();
        for (DnsHostEntry l : live) {
            if (!desired.contains(l)) {
                out.add(NetworkUpdate.of(Command.DELETE, Section.DNS_HOST, l.deleteXml()));
            }
        }
        for (DnsHostEntry d : desired) {
            if (!live.contains(d)) {
                adds.add(d);
            }
        }
        for (DnsHostEntry d : adds) {
            out.add(NetworkUpdate.of(Command.ADD_LAST, Section.DNS_HOST, d.toXml()));
        }
        Objects.requireNonNull(out);
    }
}
