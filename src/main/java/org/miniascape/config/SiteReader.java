package org.miniascape.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.miniascape.config.YNode.YMap;
import org.miniascape.model.Host;
import org.miniascape.model.Ipv4;
import org.miniascape.model.NetworkSpan;
import org.miniascape.model.Placement;
import org.miniascape.model.SourcePosition;
import org.miniascape.model.StoragePool;
import org.miniascape.model.Topology;
import org.miniascape.model.declared.DeclaredGuest;
import org.miniascape.model.declared.DeclaredNetwork;
import org.miniascape.model.declared.DeclaredSite;
import org.miniascape.validate.Problems;
import org.miniascape.validate.Text;

/** Reads the merged configuration tree into the site as declared ({@link DeclaredSite}), before its resolution. */
final class SiteReader {

    private SiteReader() {
    }

    static DeclaredSite read(Optional<YNode> root, Problems problems) {
        YMap map;
        if (root.isEmpty()) {
            map = new YMap(new LinkedHashMap<>(), SourcePosition.UNKNOWN);
        } else {
            Optional<YMap> m = MapReader.asMap(root.get(), "the site configuration", problems);
            if (m.isEmpty()) {
                return new DeclaredSite("", "", List.of(), List.of(), List.of(), Topology.NONE);
            }
            map = m.get();
        }
        // Top-level keys starting with "x-" hold YAML anchors for reuse (as in Compose files) and are not read.
        LinkedHashMap<String, YNode.Entry> read = new LinkedHashMap<>(map.entries());
        read.keySet().removeIf(k -> k.startsWith(Keys.EXTENSION_PREFIX));
        map = new YMap(read, map.at());
        MapReader r = new MapReader(map, "the site configuration", Keys.SITE, problems);
        Optional<String> name = r.requiredString("site");
        if (name.isPresent() && !GuestReader.HOST_NAME.matcher(name.get()).matches()) {
            r.error("site", "site name '" + name.get() + "' must hold only letters, digits and '-'");
        }
        String siteName = name.orElse("site").toLowerCase(Locale.ROOT);
        String domain = r.string("domain").orElse(siteName + ".local").toLowerCase(Locale.ROOT);
        if (!NetworkReader.isDnsName(domain)) {
            r.error("domain", "domain '" + domain + "' is not a valid DNS name (" + NetworkReader.DNS_NAME_RULE + ")");
        }

        List<DeclaredNetwork> networks = new ArrayList<>();
        NetworkReader networkReader = new NetworkReader(problems, domain);
        List<YNode> netNodes = r.list("networks");
        for (int i = 0; i < netNodes.size(); i++) {
            networkReader.read(netNodes.get(i), i).ifPresent(networks::add);
        }

        List<StoragePool> pools = new ArrayList<>();
        for (YNode p : r.list("storage_pools")) {
            readPool(p, problems).ifPresent(pools::add);
        }

        // The site's own vars are the first level of every guest's: under common's, groups' and the guest's.
        Optional<YNode> common = Optional.ofNullable(map.get("common"));
        if (map.get("vars") != null) {
            YNode.Entry vars = map.entries().get("vars");
            LinkedHashMap<String, YNode.Entry> base = new LinkedHashMap<>();
            base.put("vars", vars);
            YMap siteVars = new YMap(base, vars.keyAt());
            common = Optional.of(common.map(c -> TreeMerge.merge(siteVars, c)).orElse(siteVars));
        }
        GuestReader guestReader = new GuestReader(problems, siteName);
        List<DeclaredGuest> guests = guestReader.read(common, Optional.ofNullable(map.get("guests")));

        List<Host> hosts = new ArrayList<>();
        List<YNode> hostNodes = r.list("hosts");
        for (int i = 0; i < hostNodes.size(); i++) {
            readHost(hostNodes.get(i), i, problems).ifPresent(hosts::add);
        }
        if (r.has("hosts") && hostNodes.isEmpty() && map.get("hosts") instanceof YNode.YList) {
            r.error("hosts", "'hosts' is empty: leave it out for a site on one host, or list the hosts");
        }
        Placement placement = r.choice("placement", Keys.PLACEMENT)
                .map(p -> Placement.valueOf(p.toUpperCase(Locale.ROOT))).orElse(Placement.SPREAD);
        List<NetworkSpan> spans = new ArrayList<>();
        for (DeclaredNetwork n : networks) {
            String home = networkReader.homes().getOrDefault(n.name(), "");
            Integer vni = networkReader.vnis().get(n.name());
            spans.add(new NetworkSpan(n.name(), home, List.of(), vni == null ? OptionalInt.empty() : OptionalInt.of(vni),
                    Optional.empty()));
        }
        Topology topology = new Topology(hosts, placement, guestReader.hosts(), spans);
        return new DeclaredSite(siteName, domain, List.copyOf(networks), List.copyOf(pools), guests, topology);
    }

    /**
     * An entry of {@code hosts}. {@code shell} defaults to ssh when the URI names a host (qemu+ssh://root@kvm1/...:
     * {@code ssh root@kvm1}, with -p for a port), to local when it does not (qemu:///system).
     */
    private static Optional<Host> readHost(YNode node, int index, Problems problems) {
        Optional<YMap> map = MapReader.asMap(node, "host #" + (index + 1) + " of 'hosts'", problems);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        String label = map.get().get("name") instanceof YNode.YScalar s ? "host '" + s.text() + "'"
                : "host #" + (index + 1) + " of 'hosts'";
        MapReader r = new MapReader(map.get(), label, Keys.SITE_HOST, problems);
        Optional<String> name = GuestReader.nameOf(r, problems);
        Optional<String> uriText = r.requiredString("uri");
        Optional<java.net.URI> uri = Optional.empty();
        if (uriText.isPresent()) {
            String u = uriText.get();
            try {
                java.net.URI parsed = new java.net.URI(u);
                if (parsed.getScheme() == null || !Text.isSingleLine(u) || u.chars().anyMatch(Character::isWhitespace)) {
                    r.error("uri", "uri '" + Text.printable(u) + "' of " + label + " is not a libvirt URI such as"
                            + " qemu+ssh://root@kvm1/system");
                } else {
                    uri = Optional.of(parsed);
                }
            } catch (java.net.URISyntaxException e) {
                r.error("uri", "uri '" + Text.printable(u) + "' of " + label + " is not a libvirt URI such as"
                        + " qemu+ssh://root@kvm1/system (" + e.getReason() + ")");
            }
        }
        Optional<Ipv4> underlay = r.ipv4("underlay");
        if (!r.has("underlay")) {
            r.missing("underlay");
        }
        Optional<Integer> memory = r.integer("memory", 64, Integer.MAX_VALUE).map(Long::intValue);
        Optional<Integer> vcpus = r.integer("vcpus", 1, 65536).map(Long::intValue);
        int mtu = r.integer("underlay_mtu", 1280, 65535).map(Long::intValue).orElse(Host.DEFAULT_UNDERLAY_MTU);
        Optional<Host.Shell> shell = uri.flatMap(u -> readShell(r, u, label));
        if (name.isEmpty() || uri.isEmpty() || underlay.isEmpty() || shell.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Host(name.get(), uriText.get(), underlay.get(), shell.get(), memory, vcpus, mtu,
                r.origin()));
    }

    private static Optional<Host.Shell> readShell(MapReader r, java.net.URI uri, String label) {
        Optional<String> given = r.string("shell");
        String value = given.orElse(uri.getHost() != null ? "ssh" : "local");
        if (value.equals("local")) {
            return Optional.of(Host.Shell.LOCAL);
        }
        if (value.equals("ssh")) {
            if (uri.getHost() == null) {
                r.error("shell", "shell ssh of " + label + " needs a host in its uri ('" + uri + "' names none):"
                        + " give 'shell: local' for this machine, or a command prefix");
                return Optional.empty();
            }
            List<String> prefix = new ArrayList<>(List.of("ssh"));
            if (uri.getPort() >= 0) {
                prefix.addAll(List.of("-p", Integer.toString(uri.getPort())));
            }
            prefix.add((uri.getUserInfo() != null ? uri.getUserInfo() + "@" : "") + uri.getHost());
            return Optional.of(new Host.Shell(Host.Shell.Kind.SSH, prefix));
        }
        if (!Text.isSingleLine(value) || value.isBlank() || !SHELL_PREFIX.matcher(value).matches()) {
            r.error("shell", "shell '" + Text.printable(value) + "' of " + label + " must be ssh, local, or a command"
                    + " prefix of words of letters, digits and '_ . / + @ : = , -' separated by spaces (such as"
                    + " 'ip netns exec kvm2')");
            return Optional.empty();
        }
        return Optional.of(new Host.Shell(Host.Shell.Kind.COMMAND, List.of(value.trim().split(" +"))));
    }

    /** A command prefix: plain words that need no quoting in any shell, separated by spaces. */
    static final java.util.regex.Pattern SHELL_PREFIX = java.util.regex.Pattern.compile(
            " *[A-Za-z0-9_./+@:=,-]+( +[A-Za-z0-9_./+@:=,-]+)* *");

    private static Optional<StoragePool> readPool(YNode node, Problems problems) {
        Optional<YMap> map = MapReader.asMap(node, "a storage pool", problems);
        if (map.isEmpty()) {
            return Optional.empty();
        }
        MapReader r = new MapReader(map.get(), "storage pool", Keys.POOL, problems);
        Optional<String> name = r.requiredString("name");
        name.filter(n -> !NetworkReader.NAME.matcher(n).matches()).ifPresent(n -> r.error("name",
                "pool name '" + n + "' must start with a letter or digit and hold only letters, digits, '_', '.', '-'"));
        String type = r.choice("type", List.of("dir")).orElse("dir");
        Optional<String> path = r.requiredString("path");
        path.filter(p -> !p.startsWith("/")).ifPresent(p -> r.error("path", "pool path '" + Text.printable(p)
                + "' must be absolute"));
        // The path is written into the pool and volume XML and the guests' scripts: one line, as a path.
        path.filter(p -> !Text.isSingleLine(p)).ifPresent(p -> r.error("path", "pool path '" + Text.printable(p)
                + "' must be a single line without control characters"));
        boolean autostart = r.bool("autostart").orElse(true);
        if (name.isEmpty() || path.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StoragePool(name.get(), type, path.get(), autostart, r.origin()));
    }
}
