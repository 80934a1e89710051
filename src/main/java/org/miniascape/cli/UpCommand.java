package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code up}: the whole site into libvirt. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Plan the whole site as 'plan' does, print the plan, then carry out exactly that plan.",
            "It applies networks, storage pools, domains and their volumes (a cloud-init guest's NoCloud seed",
            "among them), starts the guests installed by 'cloud-init', 'import' or 'none', and waits until each",
            "is ready: its reserved DHCP leases held and, where its address can be reached from here and it",
            "takes ssh keys, its SSH port answering.",
            "Nothing is changed when anything is refused; a second 'up' has nothing to do."})
public final class UpCommand implements Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;
    @Mixin
    ApplyOptions apply;

    @Option(names = "--force", description = {"Redefine and restart networks that differ beyond DHCP/DNS hosts;",
        "redefine domains changed by hand."})
    boolean force;

    @Mixin
    WaitOptions waiting;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Planner.Options options = waiting.apply(apply.planner(force));
        libvirt.preload();
        libvirt.templateDirs(apply.templateDirs);
        Site s = site.loadAcrossHosts();
        return libvirt.apply(spec, site, s, options, apply.parallel(), LibvirtOptions.Confirmation.ALWAYS,
                planner -> planner.up(Planner.Scope.all(planner.site())));
    }
}
