package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.MiniascapeException;
import org.miniascape.libvirt.Plan;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code down}: the site out of libvirt. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Remove what miniascape created for the site, in reverse order.",
            "Domains are powered off and undefined, then their volumes, storage pools and networks removed;",
            "anything else is left as it is and listed."})
public final class DownCommand implements Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Mixin
    ParallelOption parallel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        libvirt.preload();
        Site s = site.loadAcrossHosts();
        ParallelOption n = parallel.check();
        if (!yes && !libvirt.dryRun() && System.console() == null) {
            throw MiniascapeException.badInput("down removes the site's objects from libvirt: without a terminal to"
                    + " confirm on, give --yes (or --dry-run to see the plan)");
        }
        return libvirt.apply(spec, site, s, Planner.Options.DEFAULT, n, yes ? LibvirtOptions.Confirmation.ALWAYS
                : this::ask, planner -> planner.down(Planner.Scope.all(planner.site())));
    }

    private boolean ask(Plan plan) {
        long n = plan.actions().stream().filter(a -> a.type().changes()).count();
        spec.commandLine().getOut().flush();
        String answer = System.console().readLine("Remove %d object%s of site %s from %s? [y/N] ", n,
                n == 1 ? "" : "s", plan.site(), plan.uri());
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
