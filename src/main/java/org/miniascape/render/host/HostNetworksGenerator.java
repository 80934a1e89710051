package org.miniascape.render.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.model.Host;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkSpan;
import org.miniascape.model.Site;
import org.miniascape.model.Topology;
import org.miniascape.render.Generator;
import org.miniascape.render.OutputTree;
import org.miniascape.render.Shell;
import org.miniascape.render.Templates;
import org.miniascape.xml.NetworkXml;

/**
 * For a site with {@code hosts}, what each host gets, under {@code hosts/HOST/}: {@code networks/NAME.xml} for
 * every network on the host (on its home the whole network, as {@code networks/NAME.xml}; on the other hosts a
 * bridge only, {@link NetworkXml#renderJoined}) and {@code vxlan.sh}, the {@code ip link} commands that join the
 * host's bridges of stretched networks to the other hosts'. A site without hosts gets nothing here.
 */
public final class HostNetworksGenerator implements Generator {
    private static final String VXLAN = "host/vxlan.sh.j2";

    @Override
    public List<String> templateNames() {
        return List.of(VXLAN);
    }

    /** The VXLAN device of a network on every host: {@code mia-vx} + its VNI (at most 14 characters). */
    public static String device(int vni) {
        return NetworkSpan.device(vni);
    }

    @Override
    public void generate(Site site, Templates templates, OutputTree out) {
        Topology topology = site.topology();
        if (!topology.declared()) {
            return;
        }
        for (Host h : topology.hosts()) {
            String dir = "hosts/" + h.name() + "/";
            List<Object> devices = new ArrayList<>();
            for (Network n : site.networks()) {
                NetworkSpan span = topology.network(n.name()).orElseThrow();
                if (!span.isOn(h.name())) {
                    continue;
                }
                boolean home = span.home().equals(h.name());
                out.write(dir + "networks/" + n.name() + ".xml", home || !span.stretched() ? NetworkXml.render(n)
                        : NetworkXml.renderJoined(n));
                if (span.stretched()) {
                    devices.add(device(h, n, span, topology));
                }
            }
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("site", Map.of("name", site.name()));
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("name", h.name());
            host.put("run", run(h));
            vars.put("host", host);
            vars.put("vxlan_port", NetworkSpan.VXLAN_PORT);
            vars.put("devices", devices);
            out.write(dir + "vxlan.sh", templates.render(VXLAN, vars), true);
        }
    }

    private static Map<String, Object> device(Host h, Network n, NetworkSpan span, Topology topology) {
        Map<String, Object> d = new LinkedHashMap<>();
        int vni = span.vni().getAsInt();
        d.put("network", n.name());
        d.put("home", span.home());
        d.put("hosts", String.join(", ", span.hosts()));
        d.put("device", Shell.quote(device(vni)));
        d.put("vni", Integer.toString(vni));
        d.put("local", Shell.quote(h.underlay().toString()));
        d.put("bridge", Shell.quote(n.bridge()));
        d.put("mtu", Integer.toString(n.mtu().orElse(1500)));
        d.put("peers", span.hosts().stream().filter(o -> !o.equals(h.name()))
                .map(o -> Shell.quote(topology.host(o).orElseThrow().underlay().toString())).toList());
        return d;
    }

    /** How to run the script on the host, by its shell, from the build output's directory. */
    static String run(Host h) {
        String script = "hosts/" + h.name() + "/vxlan.sh";
        return switch (h.shell().kind()) {
            case SSH -> String.join(" ", h.shell().prefix().stream().map(Shell::quote).toList()) + " bash -s < "
                    + script;
            case LOCAL -> "bash " + script;
            case COMMAND -> String.join(" ", h.shell().prefix()) + " bash " + script;
        };
    }
}
