package org.miniascape.render.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniascape.MiniascapeException;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import org.miniascape.render.DnsmasqPaths;
import org.miniascape.render.Generator;
import org.miniascape.render.OutputTree;
import org.miniascape.render.Shell;
import org.miniascape.render.Templates;
import org.miniascape.render.guest.InstallTrees;

/**
 * Host services of a site, under {@code host/}: {@code fence_virt.conf} when guests are fenced, nginx and httpd
 * snippets serving the install trees and the generated install files on the networks' gateways, the
 * {@code miniascape-dnsmasq@.service} unit with a preset enabling one instance per dnsmasq-backend network, and
 * an RPM spec + Makefile that package the whole build output for the host.
 */
public final class HostServicesGenerator implements Generator {
    /** A fixed changelog date: the same site gives the same spec (no build date in any output). */
    static final String CHANGELOG_DATE = "Thu Jan 01 2026";
    static final String VERSION = "1.0";
    private static final String FENCE_VIRT = "host/fence_virt.conf.j2";
    private static final String NGINX = "host/nginx/miniascape.conf.j2";
    private static final String HTTPD = "host/httpd/miniascape.conf.j2";
    private static final String DNSMASQ_UNIT_TEMPLATE = "host/systemd/miniascape-dnsmasq@.service.j2";
    private static final String PRESET = "host/systemd/90-miniascape.preset.j2";
    private static final String SPEC = "host/rpm/host.spec.j2";
    private static final String MAKEFILE = "host/rpm/Makefile.j2";

    @Override
    public List<String> templateNames() {
        return List.of(FENCE_VIRT, NGINX, HTTPD, DNSMASQ_UNIT_TEMPLATE, PRESET, SPEC, MAKEFILE);
    }

    @Override
    public void generate(Site site, Templates templates, OutputTree out) {
        if (!site.name().matches("[A-Za-z0-9][A-Za-z0-9._+-]*")) {
            throw MiniascapeException.badInput("site name '" + site.name() + "' cannot name a host package: use "
                    + "letters, digits, '.', '_', '+' and '-'");
        }
        Map<String, Object> vars = variables(site);
        if (!fencedGuests(site).isEmpty()) {
            out.write("host/fence_virt.conf", templates.render(FENCE_VIRT, vars));
        }
        if (!gateways(site).isEmpty()) {
            out.write("host/nginx/miniascape.conf", templates.render(NGINX, vars));
            out.write("host/httpd/miniascape.conf", templates.render(HTTPD, vars));
        }
        if (!dnsmasqNetworks(site).isEmpty()) {
            out.write("host/systemd/" + HostPaths.DNSMASQ_UNIT,
                    templates.render(DNSMASQ_UNIT_TEMPLATE, vars));
            out.write("host/systemd/90-miniascape.preset",
                    templates.render(PRESET, vars));
        }
        out.write("host/" + packageName(site) + ".spec", templates.render(SPEC, vars));
        out.write("host/Makefile", templates.render(MAKEFILE, vars));
    }

    /** SITE-host: rpmlint takes a name ending in a language code (-lab, -de) for a language pack. */
    static String packageName(Site site) {
        return "miniascape-" + site.name() + "-host";
    }

    static List<Guest> fencedGuests(Site site) {
        return site.guests().stream().filter(g -> g.hardware().fencing()).toList();
    }

    static List<Network> dnsmasqNetworks(Site site) {
        return site.networks().stream()
                .filter(n -> n.servesDhcp() && n.dhcpBackend() == DhcpBackend.DNSMASQ).toList();
    }

    /** Networks with an address on this host, in site order: where the web server listens. */
    static List<Network> gateways(Site site) {
        return site.networks().stream().filter(n -> n.gateway().isPresent() && n.cidr().isPresent()).toList();
    }

    static Map<String, Object> variables(Site site) {
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", site.name());
        s.put("dir", HostPaths.siteDir(site.name()));
        vars.put("site", s);

        List<Guest> fenced = fencedGuests(site);
        Map<String, Object> fence = new LinkedHashMap<>();
        fence.put("guests", fenced.stream().map(Guest::name).toList());
        // fence_virtd listens on the bridge of the network the fenced guests reach first.
        Optional<String> bridge = fenced.stream().filter(g -> !g.nics().isEmpty())
                .map(g -> site.network(g.nics().get(0).network()).map(Network::bridge).orElse(""))
                .filter(b -> !b.isEmpty()).findFirst();
        fence.put("interface", bridge.orElse(""));
        vars.put("fence", fence);

        List<Object> listen = new ArrayList<>();
        for (Network n : gateways(site)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("network", n.name());
            m.put("gateway", n.gateway().orElseThrow().toString());
            m.put("cidr", n.cidr().orElseThrow().toString());
            listen.add(m);
        }
        vars.put("web", Map.of("listen", listen, "trees", trees(site), "guests_url", InstallTrees.GUESTS_URL_PREFIX,
                "guests_dir", HostPaths.siteDir(site.name()) + "/guests/"));

        List<Object> dnsmasq = new ArrayList<>();
        for (Network n : dnsmasqNetworks(site)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.name());
            m.put("conf", DnsmasqPaths.conf(n.name()));
            m.put("files", List.of(n.name() + ".dnsmasq.conf", n.name() + ".hostsfile", n.name() + ".addn-hosts"));
            m.put("unit", "miniascape-dnsmasq@" + n.name() + ".service");
            dnsmasq.add(m);
        }
        vars.put("dnsmasq", Map.of("networks", dnsmasq, "config_dir", DnsmasqPaths.CONFIG_DIR,
                "run_dir", DnsmasqPaths.RUN_DIR, "state_dir", DnsmasqPaths.STATE_DIR));

        List<Object> networks = new ArrayList<>();
        for (Network n : site.networks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", Shell.quote(n.name()));
            m.put("xml", Shell.quote(HostPaths.siteDir(site.name()) + "/networks/" + n.name() + ".xml"));
            m.put("autostart", n.autostart() ? "yes" : "no");
            networks.add(m);
        }
        Map<String, Object> rpm = new LinkedHashMap<>();
        rpm.put("name", packageName(site));
        rpm.put("version", VERSION);
        rpm.put("changelog_date", CHANGELOG_DATE);
        rpm.put("networks", networks);
        rpm.put("unit_dir", HostPaths.UNIT_DIR);
        rpm.put("preset_dir", HostPaths.PRESET_DIR);
        vars.put("rpm", rpm);
        return vars;
    }

    private static List<Object> trees(Site site) {
        List<Object> trees = new ArrayList<>();
        InstallTrees.of(site).localTrees().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    // The path goes into nginx and httpd configuration: plain path characters only. GuestChecks
                    // refuses any other location first (exit 2 at its position); this stays as a guard.
                    if (!org.miniascape.model.Install.SERVABLE_TREE.matcher(e.getKey()).matches()) {
                        throw MiniascapeException.badInput("install tree '" + e.getKey() + "' cannot be served"
                                + " over HTTP: give install.location as an absolute path of letters, digits and"
                                + " . _ / + @ : -, or as a URL");
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("url", InstallTrees.URL_PREFIX + e.getValue() + "/");
                    m.put("dir", e.getKey() + "/");
                    trees.add(m);
                });
        return trees;
    }
}
