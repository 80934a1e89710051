package org.miniascape.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miniascape.config.YNode.YMap;
import org.miniascape.model.AddressRange;
import org.miniascape.model.Dhcp;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.DnsHost;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.MacAddress;
import org.miniascape.model.NetworkMode;
import org.miniascape.model.Origin;
import org.miniascape.model.SourcePosition;
import org.miniascape.model.declared.DeclaredHost;
import org.miniascape.model.declared.DeclaredNetwork;
import org.miniascape.validate.Problems;

/**
 * Reads one entry of {@code networks} into the network as declared: its bridge where the entry names one, and its own
 * {@code hosts} with the addresses they give; {@link org.miniascape.validate.SiteResolver} makes the resolved network
 * (final bridge, every reservation).
 */
final class NetworkReader {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    static final Pattern DNS_NAME = Pattern.compile(
            "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /** The longest DNS name in its text form (RFC 1035: 255 octets on the wire). */
    static final int MAX_DNS_NAME = 253;
    static final String DNS_NAME_RULE = "labels of letters, digits and '-' of at most 63 characters, "
            + "at most 253 in all";
    static final Pattern LEASE = Pattern.compile("(\\d+)([smhd]?)");

    private final Problems problems;
    private final String siteDomain;
    /** By network name: the declared {@code home} and {@code vni} (multi-host sites). */
    private final Map<String, String> homes = new java.util.LinkedHashMap<>();
    private final Map<String, Integer> vnis = new java.util.LinkedHashMap<>();

    /** A DNS name: dot-separated labels of at most 63 characters, at most {@link #MAX_DNS_NAME} in all. */
    static boolean isDnsName(String name) {
        return name.length() <= MAX_DNS_NAME && DNS_NAME.matcher(name).matches();
    }

    NetworkReader(Problems problems, String siteDomain) {
        this.problems = problems;
        this.siteDomain = siteDomain;
    }

    /** The declared {@code home} of the networks read, by name. */
    Map<String, String> homes() {
        return homes;
    }

    /** The declared {@code vni} of the networks read, by name. */
    Map<String, Integer> vnis() {
        return vnis;
    }

    Optional<DeclaredNetwork> read(YNode node, int index) {
        Optional<YMap> map = MapReader.asMap(node, "network #" + (index + 1), problems);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        String label = map.get().get("name") instanceof YNode.YScalar s ? "network '" + s.text() + "'"
                : "network #" + (index + 1);
        MapReader r = new MapReader(map.get(), label, Keys.NETWORK, problems);
        Optional<String> name = r.requiredString("name");
        name.filter(n -> !NAME.matcher(n).matches()).ifPresent(n -> r.error("name",
                "network name '" + n + "' must start with a letter or digit and hold only letters, digits, '_', '.', '-'"));
        NetworkMode mode = r.choice("mode", List.of("nat", "route", "isolated", "open", "bridge"))
                .map(m -> NetworkMode.valueOf(m.toUpperCase(Locale.ROOT))).orElse(NetworkMode.NAT);
        String domain = r.string("domain").orElse(siteDomain);
        if (!isDnsName(domain)) {
            r.error("domain", "domain '" + domain + "' is not a valid DNS name (" + DNS_NAME_RULE + ")");
        }
        Optional<Ipv4Cidr> cidr = readCidr(r, mode);
        Optional<Ipv4> gateway = r.ipv4("gateway").or(() -> cidr.map(Ipv4Cidr::firstHost));
        Optional<Dhcp> dhcp = r.submap("dhcp").map(m -> readDhcp(m, label));
        DhcpBackend backend = r.choice("dhcp_backend", List.of("libvirt", "dnsmasq"))
                .map(b -> DhcpBackend.valueOf(b.toUpperCase(Locale.ROOT))).orElse(DhcpBackend.LIBVIRT);
        List<Ipv4> forwarders = new ArrayList<>();
        List<DnsHost> dnsHosts = new ArrayList<>();
        r.submap("dns").ifPresent(m -> readDns(m, label, forwarders, dnsHosts));
        List<DeclaredHost> hosts = new ArrayList<>();
        List<YNode> hostNodes = r.list("hosts");
        for (int i = 0; i < hostNodes.size(); i++) {
            readHost(hostNodes.get(i), label, i).ifPresent(hosts::add);
        }
        Optional<Integer> mtu = r.integer("mtu", 68, 65535).map(Long::intValue);
        boolean autostart = r.bool("autostart").orElse(true);
        if (mode == NetworkMode.BRIDGE && !r.has("bridge")) {
            r.missing("bridge");
        }
        Optional<String> home = r.string("home");
        Optional<Integer> vni = r.integer("vni", 1, org.miniascape.model.NetworkSpan.MAX_VNI).map(Long::intValue);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        home.ifPresent(h -> homes.putIfAbsent(name.get(), h.toLowerCase(Locale.ROOT)));
        vni.ifPresent(v -> vnis.putIfAbsent(name.get(), v));
        return Optional.of(new DeclaredNetwork(name.get(), r.string("description").orElse(""), mode,
                r.string("bridge"), domain.toLowerCase(Locale.ROOT), cidr, gateway, dhcp, backend,
                r.string("forward_dev"), mtu, autostart, List.copyOf(forwarders), List.copyOf(dnsHosts),
                List.copyOf(hosts), withDhcpPositions(r)));
    }

    /** The network's positions plus dhcp.start, dhcp.end, dhcp.static.start, dhcp.static.end. */
    private static Origin withDhcpPositions(MapReader r) {
        Origin origin = r.origin();
        Map<String, SourcePosition> keys = new HashMap<>(origin.keys());
        if (r.map().get("dhcp") instanceof YMap dhcp) {
            for (String k : List.of("start", "end")) {
                if (dhcp.get(k) != null) {
                    keys.put("dhcp." + k, dhcp.get(k).at());
                }
            }
            if (dhcp.get("static") instanceof YMap pool) {
                keys.put("dhcp.static", pool.at());
                for (String k : List.of("start", "end")) {
                    if (pool.get(k) != null) {
                        keys.put("dhcp.static." + k, pool.get(k).at());
                    }
                }
            }
        }
        return new Origin(origin.at(), Map.copyOf(keys));
    }

    /** {@code cidr}, or the 0.3 style {@code gateway} + {@code netmask} (+ {@code network}). */
    private Optional<Ipv4Cidr> readCidr(MapReader r, NetworkMode mode) {
        if (r.has("cidr")) {
            if (r.has("netmask")) {
                r.error("netmask", "give either 'cidr' or 'netmask', not both");
            }
            return r.cidr("cidr");
        }
        if (r.has("netmask")) {
            Optional<Ipv4> mask = r.ipv4("netmask");
            Optional<Ipv4> base = r.has("network") ? r.ipv4("network") : r.ipv4("gateway");
            if (mask.isEmpty() || base.isEmpty()) {
                if (!r.has("network") && !r.has("gateway")) {
                    r.error("netmask", "'netmask' needs 'network' or 'gateway' beside it (or use 'cidr')");
                }
                return Optional.empty();
            }
            try {
                Ipv4Cidr cidr = Ipv4Cidr.fromNetmask(base.get(), mask.get());
                if (r.has("network") && !cidr.network().equals(base.get())) {
                    r.error("network", "network address " + base.get() + " has host bits set for netmask "
                            + mask.get() + " (the network is " + cidr.network() + ")");
                }
                return Optional.of(cidr);
            } catch (IllegalArgumentException e) {
                r.error("netmask", e.getMessage());
                return Optional.empty();
            }
        }
        if (r.has("network")) {
            r.error("network", "'network' needs 'netmask' beside it (or use 'cidr')");
        } else if (mode != NetworkMode.BRIDGE) {
            r.missing("cidr");
        }
        return Optional.empty();
    }

    private Dhcp readDhcp(YMap map, String label) {
        MapReader r = new MapReader(map, "'dhcp' of " + label, Keys.DHCP, problems);
        Optional<AddressRange> dynamic = range(r, "'dhcp' of " + label);
        Optional<AddressRange> staticPool = r.submap("static").flatMap(m ->
                range(new MapReader(m, "'dhcp.static' of " + label, Keys.RANGE, problems), "'dhcp.static' of " + label));
        return new Dhcp(dynamic, staticPool, lease(r));
    }

    private Optional<AddressRange> range(MapReader r, String what) {
        boolean start = r.has("start");
        boolean end = r.has("end");
        if (start != end) {
            r.missing(start ? "end" : "start");
            return Optional.empty();
        }
        Optional<Ipv4> s = r.ipv4("start");
        Optional<Ipv4> e = r.ipv4("end");
        if (s.isEmpty() || e.isEmpty()) {
            return Optional.empty();
        }
        if (s.get().isAfter(e.get())) {
            r.error("start", "range of " + what + " starts at " + s.get() + ", after its end " + e.get());
            return Optional.empty();
        }
        return Optional.of(new AddressRange(s.get(), e.get()));
    }

    private Optional<Long> lease(MapReader r) {
        if (!r.has("lease_time")) {
            return Optional.empty();
        }
        if (r.map().get("lease_time") instanceof YNode.YScalar s && s.value() instanceof Long n) {
            return r.integer("lease_time", 120, Integer.MAX_VALUE);
        }
        Optional<String> text = r.string("lease_time");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        var m = LEASE.matcher(text.get().trim());
        if (!m.matches()) {
            r.error("lease_time", "lease_time must be seconds or a number with s, m, h or d, such as 12h, not '"
                    + text.get() + "'");
            return Optional.empty();
        }
        long factor = switch (m.group(2)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
        long seconds = Long.parseLong(m.group(1)) * factor;
        if (seconds < 120) {
            r.error("lease_time", "lease_time must be at least 2 minutes (dnsmasq's minimum)");
            return Optional.empty();
        }
        return Optional.of(seconds);
    }

    private void readDns(YMap map, String label, List<Ipv4> forwarders, List<DnsHost> hosts) {
        MapReader r = new MapReader(map, "'dns' of " + label, Keys.DNS, problems);
        List<YNode> fw = r.list("forwarders");
        for (YNode f : fw) {
            if (f instanceof YNode.YScalar s && s.value() instanceof String text) {
                try {
                    forwarders.add(Ipv4.parse(text.trim()));
                } catch (IllegalArgumentException e) {
                    problems.add(f.at(), "DNS forwarder of " + label + ": " + e.getMessage());
                }
            } else {
                problems.add(f.at(), "DNS forwarders of " + label + " must be IPv4 addresses, not " + f.kind());
            }
        }
        for (YNode h : r.list("hosts")) {
            MapReader.asMap(h, "DNS host of " + label, problems).ifPresent(m -> {
                MapReader hr = new MapReader(m, "DNS host of " + label, Keys.DNS_HOST, problems);
                Optional<Ipv4> ip = hr.ipv4("ip");
                if (!hr.has("ip")) {
                    hr.missing("ip");
                }
                List<String> names = hr.strings("names");
                if (!hr.has("names")) {
                    hr.missing("names");
                }
                for (String n : names) {
                    if (!isDnsName(n)) {
                        hr.error("names", "'" + n + "' is not a valid DNS name (" + DNS_NAME_RULE + ")");
                    }
                }
                ip.ifPresent(a -> hosts.add(new DnsHost(a, List.copyOf(names), hr.origin())));
            });
        }
    }

    private Optional<DeclaredHost> readHost(YNode node, String label, int index) {
        String what = "host #" + (index + 1) + " of " + label;
        Optional<YMap> map = MapReader.asMap(node, what, problems);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapReader r = new MapReader(map.get(), what, Keys.HOST, problems);
        Optional<String> name = GuestReader.nameOf(r, problems);
        Optional<MacAddress> mac = r.mac("mac");
        if (!r.has("mac")) {
            r.missing("mac");
        }
        Optional<Ipv4> ip = r.ipv4("ip");
        if (name.isEmpty() || mac.isEmpty() || (r.has("ip") && ip.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new DeclaredHost(name.get(), mac.get(), ip, r.origin()));
    }
}
