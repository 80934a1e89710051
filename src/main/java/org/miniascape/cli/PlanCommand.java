package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plan}: what {@code up} (or {@code down}) would do, changing nothing. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Print what 'up' would do to libvirt, one line per object, and change nothing.",
            "Each line is marked + create, ~ update live or redefine, -/+ replace, - destroy, = none or ! refused,",
            "with the differences under it."},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  the plan was computed (changes or not)",
            "  2  with --detailed-exitcode: the plan has changes",
            "  3  something is refused (the reason is printed)"})
public final class PlanCommand implements Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;
    @Mixin
    ApplyOptions apply;

    @Mixin
    WaitOptions waiting;

    @Option(names = "--force", description = "Plan as 'up --force' does.")
    boolean force;

    @Option(names = "--destroy", description = "Plan as 'down' does.")
    boolean destroy;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when the plan has changes.")
    boolean detailedExitCode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Planner.Options options = waiting.apply(apply.planner(force));
        libvirt.preload();
        Site s = site.loadAcrossHosts();
        libvirt.dryRun = true;
        libvirt.detailedExitCode = detailedExitCode;
        return libvirt.apply(spec, site, s, options, apply.parallel(), LibvirtOptions.Confirmation.ALWAYS,
                planner -> destroy
                        ? planner.down(Planner.Scope.all(planner.site())) : planner.up(Planner.Scope.all(planner.site())));
    }
}
