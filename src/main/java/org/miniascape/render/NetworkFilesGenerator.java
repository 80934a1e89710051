package org.miniascape.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import org.miniascape.xml.NetworkXml;

/**
 * Per network: {@code networks/NAME.xml} (libvirt), and for networks with DHCP a standalone dnsmasq:
 * {@code NAME.dnsmasq.conf}, {@code NAME.hostsfile} (its --dhcp-hostsfile) and {@code NAME.addn-hosts} (its DNS
 * names). The dnsmasq files are written for every such network so that switching to
 * {@code dhcp_backend: dnsmasq} needs no other build; they say which backend the network uses now.
 */
public final class NetworkFilesGenerator implements Generator {
    private static final String DNSMASQ_CONF = "network/dnsmasq.conf.j2";
    private static final String HOSTSFILE = "network/hostsfile.j2";
    private static final String ADDN_HOSTS = "network/addn-hosts.j2";

    @Override
    public List<String> templateNames() {
        return List.of(DNSMASQ_CONF, HOSTSFILE, ADDN_HOSTS);
    }

    @Override
    public void generate(Site site, Templates templates, OutputTree out) {
        // Built once: per network it would make the build quadratic in the number of networks.
        Map<String, Object> siteVars = TemplateModel.site(site);
        for (Network n : site.networks()) {
            out.write("networks/" + n.name() + ".xml", NetworkXml.render(n));
            if (!n.servesDhcp()) {
                continue;
            }
            Map<String, Object> vars = variables(siteVars, n);
            out.write("networks/" + n.name() + ".dnsmasq.conf", templates.render(DNSMASQ_CONF, vars));
            out.write("networks/" + n.name() + ".hostsfile", templates.render(HOSTSFILE, vars));
            out.write("networks/" + n.name() + ".addn-hosts", templates.render(ADDN_HOSTS, vars));
        }
    }

    static Map<String, Object> variables(Map<String, Object> siteVars, Network n) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("site", siteVars);
        vars.put("network", TemplateModel.network(n));
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("conf", DnsmasqPaths.conf(n.name()));
        paths.put("hostsfile", DnsmasqPaths.hostsfile(n.name()));
        paths.put("addn_hosts", DnsmasqPaths.addnHosts(n.name()));
        paths.put("pid_file", DnsmasqPaths.pidFile(n.name()));
        paths.put("lease_file", DnsmasqPaths.leaseFile(n.name()));
        paths.put("config_dir", DnsmasqPaths.CONFIG_DIR);
        paths.put("run_dir", DnsmasqPaths.RUN_DIR);
        paths.put("state_dir", DnsmasqPaths.STATE_DIR);
        vars.put("paths", paths);
        return vars;
    }
}
