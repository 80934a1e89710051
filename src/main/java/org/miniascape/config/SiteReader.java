package org.miniascape.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.miniascape.config.YNode.YMap;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import org.miniascape.model.SourcePosition;
import org.miniascape.model.StoragePool;
import org.miniascape.validate.Problems;
import org.miniascape.validate.Text;

/** Reads the merged configuration tree into the site as declared (before addresses are resolved). */
final class SiteReader {

    private SiteReader() {
    }

    static Site read(Optional<YNode> root, Problems problems) {
        YMap map;
        if (root.isEmpty()) {
            map = new YMap(new LinkedHashMap<>(), SourcePosition.UNKNOWN);
        } else {
            Optional<YMap> m = MapReader.asMap(root.get(), "the site configuration", problems);
            if (m.isEmpty()) {
                return new Site("", "", List.of(), List.of(), List.of());
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

        List<Network> networks = new ArrayList<>();
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
        List<Guest> guests = new GuestReader(problems, siteName).read(common, Optional.ofNullable(map.get("guests")));
        return new Site(siteName, domain, List.copyOf(networks), List.copyOf(pools), guests);
    }

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
