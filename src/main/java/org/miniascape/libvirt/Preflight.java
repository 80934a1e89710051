package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;
import org.miniascape.xml.DhcpHostElement;

/**
 * Checks, before anything is touched, that the site's networks can come up on this host: no subnet overlapping
 * another libvirt network or a host interface address, no bridge that is someone else's, no MAC or address
 * already reserved or leased by another network or used by a domain outside the site, and (standalone dnsmasq
 * backend) nothing bound on the gateway's DNS/DHCP ports. All conflicts are reported together, each naming
 * the other object and what to do.
 */
public final class Preflight {
    private final HostReader hv;
    private final HostProbe probe;

    /** A network of the site to check; {@code comingUp}: it is (re)started, so its dnsmasq must bind. */
    public record Candidate(Network network, boolean comingUp) {
    }

    public Preflight(HostReader hv, HostProbe probe) {
        this.hv = hv;
        this.probe = probe;
    }

    /** The conflicts for bringing up the candidate networks of {@code site}, by network; empty when all is clear. */
    public Map<String, List<String>> conflicts(Site site, List<Candidate> candidates) {
        return conflicts(site, Set.of(), candidates);
    }

    /**
     * As {@link #conflicts(Site, List)}; {@code otherGuests}: the names of the site's guests that are not in
     * {@code site} (a host's slice of a site over several hosts): their domains are the site's too.
     */
    public Map<String, List<String>> conflicts(Site site, Set<String> otherGuests, List<Candidate> candidates) {
        Map<String, NetworkDefinition> others = new LinkedHashMap<>();
        Map<String, NetworkStatus> statuses = new LinkedHashMap<>();
        for (NetworkStatus s : hv.networks()) {
            statuses.put(s.name(), s);
            others.put(s.name(), NetworkDefinition.parse(hv.networkXml(s.name(), false)));
        }
        Set<String> libvirtBridges = statuses.values().stream().filter(NetworkStatus::active)
                .map(NetworkStatus::bridge).collect(Collectors.toSet());
        List<HostProbe.Address> addresses = probe.available() ? probe.addresses() : List.of();
        Set<String> interfaces = probe.available() ? probe.interfaces() : Set.of();
        List<HostProbe.Listener> listeners = null;
        Map<String, List<String>> foreignMacs = foreignDomainMacs(site, otherGuests);

        Map<String, List<String>> all = new LinkedHashMap<>();
        // Read once per network: every site network is checked against every other one's leases.
        Map<String, List<DhcpLease>> leases = new java.util.HashMap<>();
        for (Candidate candidate : candidates) {
            Network net = candidate.network();
            List<String> out = all.computeIfAbsent(net.name(), k -> new ArrayList<>());
            Optional<NetworkStatus> own = Optional.ofNullable(statuses.get(net.name()));
            String ownBridge = own.filter(NetworkStatus::active).map(NetworkStatus::bridge).orElse("");

            for (Map.Entry<String, NetworkDefinition> o : others.entrySet()) {
                if (o.getKey().equals(net.name())) {
                    continue;
                }
                NetworkDefinition other = o.getValue();
                if (net.cidr().isPresent() && other.cidr().isPresent() && net.cidr().get().overlaps(other.cidr().get())) {
                    out.add("subnet " + net.cidr().get() + " overlaps libvirt network '"
                            + o.getKey() + "' (" + other.cidr().get() + "); change the subnet in the site, or remove '"
                            + o.getKey() + "' (miniascape net unregister / virsh net-undefine)");
                }
                if (!other.bridge().isEmpty() && other.bridge().equals(net.bridge()) && net.mode() != NetworkMode.BRIDGE) {
                    out.add("bridge " + net.bridge() + " is already used by libvirt network '"
                            + o.getKey() + "'; choose another bridge name");
                }
                if (site.network(o.getKey()).isPresent()) {
                    // Another network of this site: its reservations and leases are the site's own (a guest moved
                    // from it is taken out when it is reconciled); the site's validation keeps MACs and
                    // addresses unique across its networks.
                    continue;
                }
                // Indexed: sites have hundreds of reservations.
                Map<String, DhcpHostElement> byMac = new java.util.HashMap<>();
                Map<String, DhcpHostElement> byIp = new java.util.HashMap<>();
                for (DhcpHostElement h : other.dhcpHosts()) {
                    h.mac().ifPresent(m -> byMac.putIfAbsent(m.toLowerCase(java.util.Locale.ROOT), h));
                    h.ip().ifPresent(i -> byIp.putIfAbsent(i, h));
                }
                for (Reservation r : net.reservations()) {
                    String mac = r.mac().toString();
                    DhcpHostElement h = byMac.get(mac);
                    if (h != null) {
                        out.add("MAC " + mac + " of " + r.name()
                                + " is already reserved in libvirt network '" + o.getKey() + "' (" + h
                                + "); remove that reservation or give " + r.name() + " another MAC");
                    } else if ((h = byIp.get(r.ip().toString())) != null) {
                        out.add("address " + r.ip() + " of " + r.name()
                                + " is already reserved in libvirt network '" + o.getKey() + "' (" + h + ")");
                    }
                }
                NetworkStatus os = statuses.get(o.getKey());
                if (os != null && os.active() && !net.reservations().isEmpty()) {
                    for (DhcpLease l : leases.computeIfAbsent(o.getKey(), hv::leases)) {
                        for (Reservation r : net.reservations()) {
                            if (l.mac() != null && l.mac().equalsIgnoreCase(r.mac().toString())) {
                                out.add("MAC " + r.mac() + " of " + r.name()
                                        + " holds a lease (" + l.ip() + ") in libvirt network '" + o.getKey()
                                        + "'; stop that client or give " + r.name() + " another MAC");
                            }
                        }
                    }
                }
            }
            for (Reservation r : net.reservations()) {
                List<String> users = foreignMacs.getOrDefault(r.mac().toString(), List.of());
                for (String domain : users) {
                    out.add("MAC " + r.mac() + " of " + r.name()
                            + " is used by domain '" + domain + "', which is not a guest of this site");
                }
            }
            if (!probe.available() || net.mode() == NetworkMode.BRIDGE) {
                continue;
            }
            if (interfaces.contains(net.bridge()) && !net.bridge().equals(ownBridge)) {
                out.add("bridge " + net.bridge() + " already exists on the host and is not "
                        + "this network's; choose another bridge name or remove the interface");
            }
            if (net.cidr().isPresent()) {
                Ipv4Cidr cidr = net.cidr().get();
                for (HostProbe.Address a : addresses) {
                    if (a.iface().equals(ownBridge) || libvirtBridges.contains(a.iface())) {
                        continue; // this network's own bridge, or one reported above as a libvirt network
                    }
                    if (a.subnet().overlaps(cidr)) {
                        out.add("subnet " + cidr + " overlaps address " + a.address() + "/"
                                + a.subnet().prefix() + " on host interface " + a.iface()
                                + "; change the subnet in the site");
                    }
                }
            }
            boolean comingUp = candidate.comingUp();
            // A dnsmasq serves the gateway: libvirt's own (DNS always, DHCP when the network serves it), or the
            // standalone one of the dnsmasq backend; either fails to start when its ports are taken.
            if (comingUp && net.gateway().isPresent()) {
                if (listeners == null) {
                    listeners = probe.listeners();
                }
                boolean dhcp = net.dhcpBackend() == DhcpBackend.DNSMASQ || net.servesDhcp();
                String gw = net.gateway().get().toString();
                for (HostProbe.Listener l : listeners) {
                    boolean port = l.port() == 53 || (dhcp && l.port() == 67 && l.protocol().equals("udp"));
                    // Bound to another device (another libvirt network's dnsmasq): it never sees this bridge.
                    boolean elsewhere = !l.device().isEmpty() && !l.device().equals(net.bridge());
                    // The running network's own (its dnsmasq, on its bridge and gateway): restarted with it.
                    boolean itsOwn = !ownBridge.isEmpty() && (l.device().equals(ownBridge) || l.address().equals(gw));
                    if (port && !elsewhere && !itsOwn && (l.address().equals(gw) || l.anyAddress())) {
                        out.add("" + l.protocol() + " port " + l.port() + " is already bound on "
                                + l.address() + (l.process().isEmpty() ? "" : " by " + l.process())
                                + "; dnsmasq for this network could not start (stop that service or bind it elsewhere)");
                    }
                }
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (!v.isEmpty()) {
                result.put(k, v.stream().distinct().toList());
            }
        });
        return result;
    }

    /** MAC → names of defined domains that are not guests of the site and have an interface with that MAC. */
    private Map<String, List<String>> foreignDomainMacs(Site site, Set<String> otherGuests) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Set<String> guests = new java.util.HashSet<>(otherGuests);
        site.guests().forEach(g -> guests.add(g.name()));
        for (DomainStatus d : hv.domains()) {
            if (guests.contains(d.name())) {
                continue;
            }
            for (String mac : DomainFacts.macs(hv.domainXml(d.name(), false))) {
                out.computeIfAbsent(mac, k -> new ArrayList<>()).add(d.name());
            }
        }
        return out;
    }
}
