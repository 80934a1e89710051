package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code net register} and {@code net update}: the selected networks reconciled with the site. */
abstract class NetReconcileCommand implements Callable<Integer> {
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

    /** Whether a network the host lacks is created ({@code register}) or refused ({@code update}). */
    abstract boolean createsMissing();

    @Override
    public Integer call() {
        libvirt.preload();
        Site s = site.load();
        var networks = selection.select(s);
        return libvirt.apply(spec, site, s, apply.planner(force), apply.parallel(), LibvirtOptions.Confirmation.ALWAYS,
                planner -> planner.up(Planner.Scope.networks(networks, createsMissing())));
    }
}
