package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code net register}: define, autostart and start; reconcile what is there. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Define, autostart and start the networks, and reconcile those already defined.",
            "Same definition: nothing to do; only DHCP/DNS hosts differ: updated live (no restart);",
            "anything else differs: the diff is printed and the exit code is 3, unless --force."})
public final class NetRegisterCommand implements Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;
    @Mixin
    NetworkSelection selection;
    @Mixin
    ApplyOptions apply;

    @Option(names = "--force", description = "Redefine and restart networks that differ beyond DHCP/DNS hosts.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        libvirt.preload();
        return NetRegisterCommand.reconcile(site, selection, libvirt, apply, force, true, spec);
    }

    static int reconcile(HostSiteOptions site, NetworkSelection selection, LibvirtOptions libvirt, ApplyOptions apply,
                         boolean force, boolean create, CommandSpec spec) {
        Site s = site.load();
        var networks = selection.select(s);
        return libvirt.apply(spec, site, s, apply.planner(force), apply.parallel(), LibvirtOptions.Confirmation.ALWAYS,
                planner -> planner.up(Planner.Scope.networks(networks, create)));
    }
}
