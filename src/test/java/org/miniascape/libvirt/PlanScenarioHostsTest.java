package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Site;
import org.miniascape.resolve.GuestVolumes;
import org.miniascape.testing.Golden;
import org.miniascape.testing.TestDriver;
import org.miniascape.xml.NetworkXml;
import org.miniascape.xml.PoolXml;

/**
 * The {@code host.xml} of the plan scenarios ({@code plan/NAME/}, see its README.md) that are not written by hand:
 * each is made by a recipe here — executing plans of (a variant of) the scenario's site, with the very
 * definitions miniascape gives libvirt (marked), and defining look-alikes — then dumped as a test-driver node
 * file. The test checks that every committed host.xml is still what its recipe makes; with
 * {@code -Dminiascape.regenerate=true} it rewrites them (run it before {@code PlanScenarioTest}).
 * UUIDs and bridge MACs that libvirt picks at random are replaced by ones derived from the object's name, so that
 * a regeneration changes nothing that did not change.
 */
class PlanScenarioHostsTest {
    static final Path PLAN = Golden.RESOURCES.resolve("plan");
    static final String DIR = "@DIR@";

    /** What the host of a scenario is made from: the scenario's own site, with an open test-driver host. */
    interface Recipe {
        void make(Host h);
    }

    /** The scenario's site ({@code @DIR@} resolved) and a host to bring it to a state. */
    record Host(Hypervisor hv, Path dir, String siteYaml) {
        Site site() {
            return siteWith();
        }

        /** The scenario's site with {@code from, to} replacements, e.g. the state it was in before it changed. */
        Site siteWith(String... replacements) {
            String yaml = siteYaml;
            for (int i = 0; i < replacements.length; i += 2) {
                assertThat(yaml).as("replacement in site.yml").contains(replacements[i]);
                yaml = yaml.replace(replacements[i], replacements[i + 1]);
            }
            return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", yaml)));
        }

        Planner planner(Site s) {
            return new Planner(hv, HostProbe.NONE, s, new Planner.Options(true, java.util.Set.of(), false));
        }

        void execute(Plan p) {
            assertThat(p.refused()).as("refused in the recipe").isEmpty();
            PlanExecutor.Result r = new PlanExecutor(hv, 1).execute(p);
            assertThat(r.ok()).as(r.outcomes().toString()).isTrue();
        }

        /** What {@code up} of {@code s} makes. */
        void up(Site s) {
            execute(planner(s).up(Planner.Scope.all(s)));
        }
    }

    static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();

    static {
        RECIPES.put("in-sync", h -> h.up(h.site()));
        // The host as up made it before web's address, the DNS name of 203.0.113.10 changed and cache was added.
        RECIPES.put("reservation-changed", h -> h.up(h.siteWith(
                "ip: 198.51.100.12}", "ip: 198.51.100.10}",
                "      - {name: cache, mac: \"52:54:00:bb:00:12\", ip: 198.51.100.13}\n", "",
                "{name: vault,", "{name: store,")));
        // plan-nat was made (by miniascape, for this site) when the site said mode: route.
        Recipe routed = h -> h.up(h.siteWith("mode: nat", "mode: route"));
        RECIPES.put("network-drift", routed);
        RECIPES.put("network-drift-force", routed);
        // Objects named as the site's: an unmarked copy of plan-nat (what 'virsh net-define' of build's XML makes,
        // like libvirt's own 'default'), another site's plan-iso, an unmarked pool and an unmarked domain.
        RECIPES.put("foreign-lookalikes", h -> {
            Site s = h.site();
            h.hv().defineNetwork(NetworkXml.render(s.network("plan-nat").orElseThrow()));
            Site other = h.siteWith("site: plantest", "site: other");
            h.hv().defineNetwork(h.planner(other).markedNetworkXml(other.network("plan-iso").orElseThrow()));
            h.hv().definePool(PoolXml.render(s.storagePools().get(0), Optional.of(uuid("pool plan-pool"))));
            h.hv().buildPool("plan-pool");
            h.hv().startPool("plan-pool");
            h.hv().defineDomain(GuestVolumes.domainXml(s.guest("plan-vm").orElseThrow(), s));
        });
        // Everything of the site's names, made by up of another site (the same YAML with another site name).
        RECIPES.put("other-site", h -> h.up(h.siteWith("site: plantest", "site: other")));
        // The site's pool (running, empty) and nothing else: the base image was never put into it.
        RECIPES.put("missing-base-image", h -> {
            Site s = h.site();
            h.execute(h.planner(s).up(Planner.Scope.storage(s, List.of())));
        });
        // What up of the two nodes sharing a volume made: the volume is recorded in both domains' marks.
        RECIPES.put("shared-disk-destroy", h -> h.up(h.site()));
        // What up made, except that plan-iso is another site's; and a network of no site's names, unmarked.
        RECIPES.put("destroy", h -> {
            Site s = h.site();
            h.up(s);
            h.hv().stopNetwork("plan-iso");
            h.hv().undefineNetwork("plan-iso");
            Site other = h.siteWith("site: plantest", "site: other");
            h.hv().defineNetwork(h.planner(other).markedNetworkXml(other.network("plan-iso").orElseThrow()));
            h.hv().defineNetwork("<network><name>default</name><forward mode='nat'/><bridge name='virbr0'/>"
                    + "<ip address='192.0.2.1' netmask='255.255.255.0'><dhcp><range start='192.0.2.2'"
                    + " end='192.0.2.254'/></dhcp></ip></network>");
        });
    }

    static Stream<String> scenarios() {
        return RECIPES.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void hostXmlIsWhatItsRecipeMakes(String scenario, @TempDir Path dir) throws IOException {
        String yaml = Files.readString(PLAN.resolve(scenario).resolve("site.yml"), StandardCharsets.UTF_8)
                .replace(DIR, dir.toString());
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            RECIPES.get(scenario).make(new Host(hv, dir, yaml));
            String node = "<!-- Made by PlanScenarioHostsTest (recipe \"" + scenario + "\"): regenerate, do not edit."
                    + " -->\n" + nodeXml(hv).replace(dir.toString(), DIR);
            Golden.assertMatches("plan/" + scenario + "/host.xml", node);
        }
    }

    /** The host as a test-driver node file: its networks, pools with their volumes, and domains. */
    static String nodeXml(Hypervisor hv) {
        StringBuilder b = new StringBuilder("<node>\n");
        hv.networks().stream().sorted(Comparator.comparing(NetworkStatus::name)).forEach(n ->
                b.append(indent(stable(hv.networkXml(n.name(), true), "network " + n.name()))));
        hv.pools().stream().sorted(Comparator.comparing(PoolStatus::name)).forEach(p -> {
            String xml = hv.poolXml(p.name()).strip();
            StringBuilder vols = new StringBuilder();
            hv.volumes(p.name()).stream().sorted(Comparator.comparing(VolumeStatus::name)).forEach(v ->
                    vols.append(indent(hv.volumeXml(p.name(), v.name()))));
            assertThat(xml).endsWith("</pool>");
            b.append(indent(xml.substring(0, xml.length() - "</pool>".length()) + vols + "</pool>"));
        });
        hv.domains().stream().sorted(Comparator.comparing(DomainStatus::name)).forEach(d -> {
            String xml = stable(hv.domainXml(d.name(), true), "domain " + d.name());
            if (!d.active()) {
                // The test driver starts the domains of a node file running, unless told otherwise.
                xml = xml.replaceFirst("<domain ", "<domain xmlns:test='http://libvirt.org/schemas/domain/test' ")
                        .replaceFirst("</domain>\\s*$", "  <test:runstate>5</test:runstate>\n</domain>");
            }
            b.append(indent(xml));
        });
        return b.append("</node>\n").toString();
    }

    /** The document's own UUID and (a network's) bridge MAC, which libvirt chose at random, derived from a name. */
    static String stable(String xml, String name) {
        String out = xml.replaceFirst("<uuid>[^<]*</uuid>", "<uuid>" + uuid(name) + "</uuid>");
        if (name.startsWith("network ")) {
            String hex = uuid(name).replace("-", "");
            Matcher m = Pattern.compile("(\n  <mac address=')[^']*('/>)").matcher(out);
            out = m.replaceFirst("$152:54:00:" + hex.substring(0, 2) + ":" + hex.substring(2, 4) + ":"
                    + hex.substring(4, 6) + "$2");
        }
        return out;
    }

    static String uuid(String name) {
        return UUID.nameUUIDFromBytes(("plan scenario " + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String indent(String xml) {
        return xml.strip().lines().map(l -> "  " + l).reduce("", (a, l) -> a + l + "\n");
    }
}
