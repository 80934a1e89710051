package org.miniascape.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.libvirt.NetworkState;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code net list}: the site's networks against libvirt. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "The site's networks against libvirt: defined, active, autostart, in sync, DHCP leases.")
public final class NetListCommand implements Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        libvirt.preload();
        Site s = site.load();
        List<NetworkState> states = new ArrayList<>();
        try (Hypervisor hv = libvirt.open()) {
            for (Network n : s.networks()) {
                states.add(NetworkState.of(hv, s, n));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        return PlanReport.print(spec, libvirt.json(), doc -> {
            if (libvirt.json()) {
                doc.put("uri", libvirt.uri());
                doc.put("site", s.name());
                doc.put("networks", states.stream().map(NetListCommand::json).toList());
                return ExitCode.OK;
            }
            out.printf("%-16s %-8s %-7s %-10s %-15s %s%n", "NAME", "DEFINED", "ACTIVE", "AUTOSTART", "SYNC",
                    "LEASES");
            for (NetworkState st : states) {
                out.printf("%-16s %-8s %-7s %-10s %-15s %d%n", st.name(), yes(st.defined()), yes(st.active()),
                        yes(st.autostart()), st.sync().text(), st.leases().size());
            }
            return ExitCode.OK;
        });
    }

    static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    static Map<String, Object> json(NetworkState st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", st.name());
        m.put("defined", st.defined());
        m.put("active", st.active());
        m.put("autostart", st.autostart());
        m.put("bridge", st.bridge());
        m.put("sync", st.sync().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("leases", st.leases().stream().map(l -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("mac", l.mac());
            e.put("ip", l.ip());
            e.put("prefix", l.prefix());
            e.put("hostname", l.hostname().orElse(null));
            e.put("expiry", l.expiry());
            return e;
        }).toList());
        return m;
    }
}
