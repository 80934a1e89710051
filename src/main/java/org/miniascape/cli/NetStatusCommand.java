package org.miniascape.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.miniascape.MiniascapeException;
import org.miniascape.libvirt.DhcpLease;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.libvirt.NetworkState;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code net status NAME}: one network in detail, with its leases. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "One network of the site against libvirt, with its DHCP leases.")
public final class NetStatusCommand implements Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;

    @Parameters(paramLabel = "NAME", description = "A network of the site.")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        libvirt.preload();
        Site s = site.load();
        Network n = s.network(name).orElseThrow(() -> MiniascapeException.badInput("site " + s.name()
                + " has no network '" + name + "'"));
        NetworkState st;
        try (Hypervisor hv = libvirt.open()) {
            st = NetworkState.of(hv, s, n);
        }
        PrintWriter out = spec.commandLine().getOut();
        return PlanReport.print(spec, libvirt.json(), doc -> {
            if (libvirt.json()) {
                doc.put("uri", libvirt.uri());
                doc.put("site", s.name());
                doc.put("network", NetListCommand.json(st));
            } else {
                text(st, out);
            }
            return ExitCode.OK;
        });
    }

    private static void text(NetworkState st, PrintWriter out) {
        out.println("network:   " + st.name());
        out.println("defined:   " + NetListCommand.yes(st.defined()));
        out.println("active:    " + NetListCommand.yes(st.active()));
        out.println("autostart: " + NetListCommand.yes(st.autostart()));
        out.println("bridge:    " + (st.bridge().isEmpty() ? "-" : st.bridge()));
        out.println("sync:      " + st.sync().text());
        out.println("leases:    " + st.leases().size());
        for (DhcpLease l : st.leases()) {
            out.printf("  %-17s %-15s %-20s expires %s%n", l.mac(), l.ip(), l.hostname().orElse("-"),
                    Instant.ofEpochSecond(l.expiry()));
        }
    }
}
