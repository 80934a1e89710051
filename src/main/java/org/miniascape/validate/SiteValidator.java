package org.miniascape.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miniascape.model.AddressRange;
import org.miniascape.model.Dhcp;
import org.miniascape.model.DnsHost;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Nic;
import org.miniascape.model.SourcePosition;
import org.miniascape.model.StoragePool;
import org.miniascape.model.declared.DeclaredDisk;
import org.miniascape.model.declared.DeclaredGuest;
import org.miniascape.model.declared.DeclaredHost;
import org.miniascape.model.declared.DeclaredNetwork;
import org.miniascape.model.declared.DeclaredNic;
import org.miniascape.model.declared.DeclaredSite;

/**
 * Checks the site as declared, across objects: names, bridges and subnets unique; gateways, ranges and
 * addresses inside their networks; pools not overlapping; no MAC, IP or name used twice; interfaces on known
 * networks. Everything is reported, nothing stops at the first problem.
 */
public final class SiteValidator {
    static final int MAX_BRIDGE_NAME = 15; // IFNAMSIZ - 1
    static final Pattern BRIDGE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    static final int MAX_DNS_NAME = 253;
    /** Address blocks that cannot be a lab network: a host never routes them to a bridge (RFC 6890). */
    static final Map<Ipv4Cidr, String> SPECIAL_USE = new java.util.LinkedHashMap<>();

    static {
        SPECIAL_USE.put(Ipv4Cidr.parse("0.0.0.0/8"), "'this network' addresses (0.0.0.0/8)");
        SPECIAL_USE.put(Ipv4Cidr.parse("127.0.0.0/8"), "loopback addresses (127.0.0.0/8)");
        SPECIAL_USE.put(Ipv4Cidr.parse("169.254.0.0/16"), "link-local addresses (169.254.0.0/16)");
        SPECIAL_USE.put(Ipv4Cidr.parse("224.0.0.0/4"), "multicast addresses (224.0.0.0/4)");
        SPECIAL_USE.put(Ipv4Cidr.parse("240.0.0.0/4"), "reserved addresses and the broadcast address (240.0.0.0/4)");
    }

    private final DeclaredSite site;
    private final Problems problems;
    /** First place each MAC / IP / name was declared, for "used twice" messages. */
    private final Map<MacAddress, SourcePosition> macs = new HashMap<>();
    private final Map<Ipv4, SourcePosition> ips = new HashMap<>();
    private final Map<String, SourcePosition> names = new HashMap<>();
    /** Per network ("NETWORK/FQDN"): where each DNS name of a reservation is given (explicit dns_names claim). */
    private final Map<String, SourcePosition> dnsNames = new HashMap<>();

    private SiteValidator(DeclaredSite site, Problems problems) {
        this.site = site;
        this.problems = problems;
    }

    public static void validate(DeclaredSite site, Problems problems) {
        new SiteValidator(site, problems).run();
    }

    private void run() {
        checkNetworksAgainstEachOther();
        for (DeclaredNetwork n : site.networks()) {
            checkNetwork(n);
        }
        checkPools();
        collectDefaultDnsNames();
        for (DeclaredGuest g : site.guests()) {
            checkGuest(g);
        }
        checkSharedVolumes();
    }

    /** A guest's use of a volume through one of its disks. */
    private record VolumeUse(String guest, DeclaredDisk disk) {
    }

    /**
     * A volume that several guests use (the same {@code pool} and {@code volume}) is one volume, created once: every
     * user must say how it shares it — {@code shareable} (written by all of them at once) or {@code readonly} —
     * or two guests would write one file system each believing it its own; and they must agree on what is created
     * (format and size). Each disk that does not is reported where it is written, with the other users.
     */
    private void checkSharedVolumes() {
        Map<String, List<VolumeUse>> uses = new java.util.LinkedHashMap<>();
        for (DeclaredGuest g : site.guests()) {
            for (DeclaredDisk d : g.disks()) {
                uses.computeIfAbsent(d.key(), k -> new java.util.ArrayList<>()).add(new VolumeUse(g.name(), d));
            }
        }
        uses.forEach((volume, list) -> {
            if (list.stream().map(VolumeUse::guest).distinct().count() < 2) {
                return;
            }
            Map<SourcePosition, List<String>> unshared = new java.util.LinkedHashMap<>();
            list.stream().filter(u -> !u.disk().shareable() && !u.disk().readOnly()).forEach(u -> unshared
                    .computeIfAbsent(u.disk().origin().at(), k -> new java.util.ArrayList<>()).add(u.guest()));
            unshared.forEach((at, guests) -> {
                List<String> others = list.stream().map(VolumeUse::guest).filter(g -> !guests.contains(g)).distinct()
                        .toList();
                problems.add(at, "volume " + volume + " of " + guestList(guests) + " is also used by "
                        + guestList(others) + ": a volume that several guests use must be 'shareable: true' (all of"
                        + " them write it) or 'readonly: true' on every one of them");
            });
            VolumeUse first = list.get(0);
            for (VolumeUse u : list) {
                if (!u.disk().format().equals(first.disk().format())) {
                    problems.add(u.disk().origin().of("format"), "volume " + volume + " is created once for every"
                            + " guest that uses it: its format " + u.disk().format() + " here differs from "
                            + first.disk().format() + " of guest '" + first.guest() + "' (at "
                            + first.disk().origin().of("format") + ")");
                }
                if (u.disk().sizeGib() != first.disk().sizeGib()) {
                    problems.add(u.disk().origin().of("size"), "volume " + volume + " is created once for every"
                            + " guest that uses it: its size " + u.disk().sizeGib() + " GiB here differs from "
                            + first.disk().sizeGib() + " GiB of guest '" + first.guest() + "' (at "
                            + first.disk().origin().of("size") + ")");
                }
            }
        });
    }

    /** "guest 'a'", "guests 'a', 'b'". */
    private static String guestList(List<String> guests) {
        return (guests.size() == 1 ? "guest " : "guests ") + String.join(", ", guests.stream().map(g -> "'" + g + "'")
                .toList());
    }

    private void checkNetworksAgainstEachOther() {
        Map<String, DeclaredNetwork> byName = new HashMap<>();
        Map<String, DeclaredNetwork> byBridge = new HashMap<>();
        List<DeclaredNetwork> nets = site.networks();
        for (int i = 0; i < nets.size(); i++) {
            DeclaredNetwork n = nets.get(i);
            DeclaredNetwork first = byName.putIfAbsent(n.name(), n);
            if (first != null) {
                problems.add(n.origin().of("name"), "network name '" + n.name() + "' is used twice (first at "
                        + first.origin().of("name") + ")");
            }
            if (n.bridge().isPresent()) {
                String bridge = n.bridge().get();
                interfaceName(n, "bridge", bridge);
                DeclaredNetwork other = byBridge.putIfAbsent(bridge, n);
                if (other != null) {
                    problems.add(n.origin().of("bridge"), "bridge '" + bridge + "' is used by networks '"
                            + other.name() + "' and '" + n.name() + "'");
                }
            }
            for (int j = 0; j < i; j++) {
                DeclaredNetwork m = nets.get(j);
                if (n.cidr().isPresent() && m.cidr().isPresent() && n.cidr().get().overlaps(m.cidr().get())) {
                    problems.add(n.origin().of(n.origin().declares("cidr") ? "cidr" : "netmask"),
                            "subnet " + n.cidr().get() + " of network '" + n.name() + "' overlaps " + m.cidr().get()
                                    + " of network '" + m.name() + "'");
                }
            }
        }
    }

    /**
     * A Linux interface name (bridge, forward_dev): at most 15 characters (IFNAMSIZ - 1) of letters, digits,
     * '_', '.' and '-', not "." or "..". It is written into nftables rules and libvirt XML as it is.
     */
    private void interfaceName(DeclaredNetwork n, String key, String name) {
        if (name.length() > MAX_BRIDGE_NAME) {
            problems.add(n.origin().of(key), key + " name '" + name + "' is longer than " + MAX_BRIDGE_NAME
                    + " characters (Linux interface names are limited to 15)");
        } else if (!BRIDGE_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            problems.add(n.origin().of(key), key + " name '" + Text.printable(name)
                    + "' is not a Linux interface name: it may hold only letters, digits, '_', '.' and '-'");
        }
    }

    /** A host's DNS name on a network, NAME.DOMAIN, must fit in a DNS name. */
    private static String dnsKey(String name, DeclaredNetwork n) {
        String fqdn = name.indexOf('.') >= 0 ? name : name + "." + n.domain();
        return n.name() + "/" + fqdn.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The DNS names every network gives by default (its hosts' names, the names of the guests on it without a
     * {@code dns_name}): those are unique already (names are unique in the site); an interface's own
     * {@code dns_name} must not be one of them, nor another's.
     */
    private void collectDefaultDnsNames() {
        for (DeclaredNetwork n : site.networks()) {
            for (DeclaredHost r : n.hosts()) {
                dnsNames.putIfAbsent(dnsKey(r.name(), n), r.origin().of(r.origin().declares("hostname")
                        ? "hostname" : "name"));
            }
        }
        for (DeclaredGuest g : site.guests()) {
            for (DeclaredNic nic : g.nics()) {
                Optional<DeclaredNetwork> net = site.network(nic.network());
                if (net.isPresent() && nic.dns() && nic.dnsName().isEmpty()) {
                    dnsNames.putIfAbsent(dnsKey(g.name(), net.get()), g.origin().of(g.origin().declares("hostname")
                            ? "hostname" : "name"));
                }
            }
        }
    }

    private void fqdn(String name, DeclaredNetwork n, SourcePosition at) {
        String fqdn = name.indexOf('.') >= 0 ? name : name + "." + n.domain();
        if (fqdn.length() > MAX_DNS_NAME) {
            problems.add(at, "DNS name " + fqdn + " on network '" + n.name() + "' is longer than " + MAX_DNS_NAME
                    + " characters");
        }
    }

    private void checkNetwork(DeclaredNetwork n) {
        n.forwardDevice().ifPresent(dev -> interfaceName(n, "forward_dev", dev));
        if (n.mode() == org.miniascape.model.NetworkMode.BRIDGE) {
            // An existing host bridge is configured on the host, not by libvirt: it refuses these there.
            for (String key : java.util.List.of("mtu", "forward_dev")) {
                if (n.origin().declares(key)) {
                    problems.add(n.origin().of(key), "'" + key + "' cannot be set on network '" + n.name()
                            + "' of mode bridge (an existing host bridge: set it on the host)");
                }
            }
        }
        if (n.cidr().isEmpty()) {
            if (n.dhcp().isPresent() || !n.hosts().isEmpty()) {
                problems.add(n.origin().at(), "network '" + n.name() + "' has DHCP settings or hosts but no subnet; "
                        + "give 'cidr'");
            }
            return;
        }
        Ipv4Cidr cidr = n.cidr().get();
        SPECIAL_USE.forEach((block, what) -> {
            if (cidr.overlaps(block)) {
                problems.add(n.origin().of(n.origin().declares("cidr") ? "cidr" : "netmask"), "subnet " + cidr
                        + " of network '" + n.name() + "' overlaps " + what + ", which cannot be a lab network");
            }
        });
        if (cidr.prefix() > 30) {
            problems.add(n.origin().of("cidr"), "subnet " + cidr + " of network '" + n.name()
                    + "' is too small for a gateway and guests (use /30 or larger)");
        }
        n.gateway().ifPresent(gw -> {
            if (!cidr.containsHost(gw)) {
                problems.add(n.origin().of("gateway"), "gateway " + gw + " is outside network '" + n.name() + "' ("
                        + cidr + ")");
            }
        });
        n.dhcp().ifPresent(d -> checkDhcp(n, cidr, d));
        for (DnsHost h : n.dnsHosts()) {
            for (String name : h.names()) {
                if (name.indexOf('.') < 0) {
                    claimName(name, n.name(), h.origin().of("names"));
                }
                fqdn(name, n, h.origin().of("names"));
            }
        }
        for (DeclaredHost r : n.hosts()) {
            claimName(r.name(), null, r.origin().of(r.origin().declares("hostname") ? "hostname" : "name"));
            fqdn(r.name(), n, r.origin().of(r.origin().declares("hostname") ? "hostname" : "name"));
            claimMac(r.mac(), r.origin().of("mac"));
            r.ip().ifPresent(ip -> checkAddress(n, ip, r.origin().of("ip"), "host '" + r.name() + "'"));
        }
    }

    private void checkDhcp(DeclaredNetwork n, Ipv4Cidr cidr, Dhcp d) {
        String where = "of network '" + n.name() + "' (" + cidr + ")";
        d.dynamic().ifPresent(r -> {
            if (!cidr.containsHost(r.start())) {
                problems.add(n.origin().of("dhcp.start"), "DHCP range start " + r.start()
                        + " is outside the usable addresses " + where);
            }
            if (!cidr.containsHost(r.end())) {
                problems.add(n.origin().of("dhcp.end"), "DHCP range end " + r.end()
                        + " is outside the usable addresses " + where);
            }
            n.gateway().filter(r::contains).ifPresent(gw -> problems.add(n.origin().of("dhcp.start"),
                    "DHCP range " + r + " holds the gateway " + gw + " " + where));
        });
        d.staticPool().ifPresent(s -> {
            if (!cidr.containsHost(s.start())) {
                problems.add(n.origin().of("dhcp.static.start"), "static pool start " + s.start()
                        + " is outside the usable addresses " + where);
            }
            if (!cidr.containsHost(s.end())) {
                problems.add(n.origin().of("dhcp.static.end"), "static pool end " + s.end()
                        + " is outside the usable addresses " + where);
            }
            d.dynamic().filter(s::overlaps).ifPresent(r -> problems.add(n.origin().of("dhcp.static"),
                    "static pool " + s + " overlaps the DHCP range " + r + " " + where));
        });
    }

    /** A reserved address: inside the network, not its gateway, not in the dynamic pool, not used before. */
    private void checkAddress(DeclaredNetwork n, Ipv4 ip, SourcePosition at, String who) {
        Ipv4Cidr cidr = n.cidr().orElseThrow();
        if (!cidr.containsHost(ip)) {
            problems.add(at, "address " + ip + " of " + who + " is outside network '" + n.name() + "' (" + cidr
                    + ", usable " + cidr.firstHost() + "-" + cidr.lastHost() + ")");
            return;
        }
        if (n.gateway().filter(ip::equals).isPresent()) {
            problems.add(at, "address " + ip + " of " + who + " is the gateway of network '" + n.name() + "'");
            return;
        }
        Optional<AddressRange> dynamic = n.dhcp().flatMap(Dhcp::dynamic);
        if (dynamic.filter(r -> r.contains(ip)).isPresent()) {
            problems.add(at, "address " + ip + " of " + who + " is inside the DHCP range " + dynamic.get()
                    + " of network '" + n.name() + "', where it could be leased to another machine");
            return;
        }
        SourcePosition first = ips.putIfAbsent(ip, at);
        if (first != null) {
            problems.add(at, "address " + ip + " is used twice (first at " + first + ")");
        }
    }

    private void claimMac(MacAddress mac, SourcePosition at) {
        SourcePosition first = macs.putIfAbsent(mac, at);
        if (first != null) {
            problems.add(at, "MAC " + mac + " is used twice (first at " + first + ")");
        }
    }

    /**
     * Host names (guests and hosts) are unique in the whole site; DNS-only names of {@code dns.hosts} are
     * unique within their network (each network may name its own gateway "gw").
     */
    private void claimName(String name, String dnsNetwork, SourcePosition at) {
        String key = (dnsNetwork == null ? "" : dnsNetwork + "/") + name.toLowerCase(java.util.Locale.ROOT);
        SourcePosition first = names.putIfAbsent(key, at);
        if (first != null) {
            problems.add(at, "name '" + name + "' is used twice (first at " + first + ")");
        }
    }

    private void checkPools() {
        Map<String, StoragePool> byName = new HashMap<>();
        for (StoragePool p : site.storagePools()) {
            StoragePool first = byName.putIfAbsent(p.name(), p);
            if (first != null) {
                problems.add(p.origin().of("name"), "storage pool '" + p.name() + "' is defined twice (first at "
                        + first.origin().of("name") + ")");
            }
        }
    }

    private void checkGuest(DeclaredGuest g) {
        claimName(g.name(), null, g.origin().of(g.origin().declares("hostname") ? "hostname" : "name"));
        Map<String, DeclaredNic> onNetwork = new HashMap<>();
        for (DeclaredNic nic : g.nics()) {
            Optional<DeclaredNetwork> net = site.network(nic.network());
            if (net.isEmpty()) {
                problems.add(nic.origin().of("network"), "interface of guest '" + g.name() + "' is on network '"
                        + nic.network() + "', which the site does not define"
                        + didYouMean(nic.network()));
                continue;
            }
            if (nic.dnsName().isPresent()) {
                String d = nic.dnsName().get();
                fqdn(d, net.get(), nic.origin().of("dns_name"));
                SourcePosition first = dnsNames.putIfAbsent(dnsKey(d, net.get()), nic.origin().of("dns_name"));
                if (first != null) {
                    problems.add(nic.origin().of("dns_name"), "DNS name '" + d + "' of guest '" + g.name()
                            + "' on network '" + nic.network() + "' is given twice on that network (first at "
                            + first + ")");
                }
            } else if (nic.dns()) {
                fqdn(g.name(), net.get(), g.origin().of(g.origin().declares("hostname") ? "hostname" : "name"));
            }
            if (onNetwork.putIfAbsent(nic.network(), nic) != null) {
                problems.add(nic.origin().of("network"), "guest '" + g.name() + "' has two interfaces on network '"
                        + nic.network() + "'; a DHCP reservation and DNS name per network need one");
            }
            nic.mac().ifPresent(mac -> claimMac(mac, nic.origin().of("mac")));
            if (nic.ip().isPresent()) {
                if (net.get().cidr().isEmpty()) {
                    problems.add(nic.origin().of("ip"), "network '" + nic.network()
                            + "' has no subnet here ('cidr'), so its interfaces cannot reserve an address");
                } else {
                    checkAddress(net.get(), nic.ip().get(), nic.origin().of("ip"), "guest '" + g.name() + "'");
                }
            }
            if (nic.bootproto().equals(Optional.of(Nic.BootProto.STATIC)) && net.get().cidr().isEmpty()) {
                problems.add(nic.origin().of("bootproto"), "interface of guest '" + g.name()
                        + "' is static, but network '" + nic.network() + "' has no subnet here ('cidr') to give it"
                        + " an address; leave out 'bootproto' (DHCP from the bridge's LAN) or give the network its"
                        + " 'cidr'");
            }
        }
        if (!site.storagePools().isEmpty()) {
            g.disks().stream().filter(d -> site.storagePool(d.pool()).isEmpty()).forEach(d ->
                    problems.add(d.origin().of("pool"), "disk " + d.volume() + " of guest '" + g.name()
                            + "' is in pool '" + d.pool() + "', which 'storage_pools' does not define"));
        }
        // A backing named as a volume (not an absolute path) lies in its disk's pool's directory: the site must say
        // where that is (the resolver turns it into a path).
        for (int i = 0; i < g.disks().size(); i++) {
            DeclaredDisk d = g.disks().get(i);
            boolean image = i == 0 && d.backing().isEmpty() && g.install().method().imageBased();
            Optional<String> backing = image ? g.install().image() : d.backing();
            if (backing.isPresent() && !backing.get().startsWith("/") && site.storagePool(d.pool()).isEmpty()
                    && site.storagePools().isEmpty()) {
                problems.add(image ? g.origin().of("install") : d.origin().of("backing"), "backing image "
                        + Text.printable(backing.get()) + " of guest '" + g.name() + "' is a volume of pool '"
                        + d.pool() + "', which the site does not define: give the pool in 'storage_pools' (its"
                        + " path), or an absolute path to the image");
            }
        }
        java.util.Set<String> volumes = new java.util.HashSet<>();
        g.disks().stream().filter(d -> !volumes.add(d.pool() + "/" + d.volume())).forEach(d ->
                problems.add(d.origin().of("volume"), "guest '" + g.name() + "' uses volume " + d.volume()
                        + " twice"));
    }

    private String didYouMean(String network) {
        return Suggestions.didYouMean(network, site.networks().stream().map(DeclaredNetwork::name).toList());
    }
}
