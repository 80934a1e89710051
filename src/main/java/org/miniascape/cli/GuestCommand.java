package org.miniascape.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.libvirt.DomainStatus;
import org.miniascape.libvirt.HostProbe;
import org.miniascape.libvirt.Plan;
import org.miniascape.libvirt.Planner;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code guest}: the site's guests as libvirt domains. */
@picocli.CommandLine.Command(name = "guest", mixinStandardHelpOptions = true,
        description = "The site's guests as libvirt domains.")
public final class GuestCommand implements Runnable {
    /** Registered by {@link Main}: only the one named on the command line (all of them for help). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
            GuestCommand.Define.class, GuestCommand.Start.class, GuestCommand.Stop.class, GuestCommand.Undefine.class,
            GuestCommand.Status.class, GuestCommand.Install.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The parts every guest subcommand shares. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        HostSiteOptions site;
        @Mixin
        LibvirtOptions libvirt;
        @Spec
        CommandSpec spec;
    }

    @picocli.CommandLine.Command(name = "define", mixinStandardHelpOptions = true,
            description = {"Create the guests' missing volumes (and the site's pools), then define their domains.",
                "The domain XML is the one 'build' generates; a defined guest that differs is redefined."})
    static final class Define extends Base {
        @Mixin
        GuestSelection selection;
        @Mixin
        ApplyOptions apply;

        @Override
        public Integer call() {
            libvirt.preload();
            libvirt.templateDirs(apply.templateDirs);
            Site s = site.load();
            List<Guest> guests = selection.select(s);
            return libvirt.apply(spec, site, s, apply.planner(false), apply.parallel(), LibvirtOptions.Confirmation.ALWAYS,
                    planner -> planner.up(Planner.Scope.guests(s, guests)));
        }
    }

    /** A guest subcommand that plans one change of the selected guests and carries it out. */
    abstract static class OnSelected extends Base {
        @Mixin
        GuestSelection selection;

        abstract Plan plan(Planner planner, List<Guest> guests);

        @Override
        public Integer call() {
            libvirt.preload();
            Site s = site.load();
            List<Guest> guests = selection.select(s);
            return libvirt.applyPlain(spec, site, s, planner -> plan(planner, guests));
        }
    }

    @picocli.CommandLine.Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the guests' domains (they must be defined: see 'guest define').")
    static final class Start extends OnSelected {
        @Override
        Plan plan(Planner planner, List<Guest> guests) {
            return planner.up(Planner.Scope.boot(guests));
        }
    }

    @picocli.CommandLine.Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Power the guests off (virDomainDestroy).")
    static final class Stop extends OnSelected {
        @Override
        Plan plan(Planner planner, List<Guest> guests) {
            return planner.stop(guests);
        }
    }

    @picocli.CommandLine.Command(name = "undefine", mixinStandardHelpOptions = true,
            description = "Power the guests off if running and undefine them; their volumes stay ('down' removes them).")
    static final class Undefine extends OnSelected {
        @Override
        Plan plan(Planner planner, List<Guest> guests) {
            return planner.down(Planner.Scope.domains(guests));
        }
    }

    @picocli.CommandLine.Command(name = "status", mixinStandardHelpOptions = true,
            description = "The guests' domains: defined, state.")
    static final class Status implements Callable<Integer> {
        @Mixin
        HostSiteOptions site;
        @Mixin
        LibvirtOptions libvirt;
        @Mixin
        GuestSelection selection;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            libvirt.preload();
            Site s = site.load();
            List<Map<String, Object>> rows = new ArrayList<>();
            try (Hypervisor hv = libvirt.open()) {
                for (Guest g : selection.select(s)) {
                    Optional<DomainStatus> d = hv.domain(g.name());
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", g.name());
                    row.put("defined", d.isPresent());
                    row.put("state", d.map(x -> x.state().key()).orElse("undefined"));
                    row.put("install", g.install().method().key());
                    rows.add(row);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            return PlanReport.print(spec, libvirt.json(), doc -> {
                if (libvirt.json()) {
                    doc.put("uri", libvirt.uri());
                    doc.put("site", s.name());
                    doc.put("guests", rows);
                    return ExitCode.OK;
                }
                out.printf("%-20s %-8s %-12s %s%n", "NAME", "DEFINED", "STATE", "INSTALL");
                for (Map<String, Object> r : rows) {
                    out.printf("%-20s %-8s %-12s %s%n", r.get("name"), NetListCommand.yes((Boolean) r.get("defined")),
                            r.get("state"), r.get("install"));
                }
                return ExitCode.OK;
            });
        }
    }

    @picocli.CommandLine.Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install kickstart and preseed guests, then start them: what 'up' does for them.",
                "Their domains and volumes are made first when missing; virt-install runs the installer from the",
                "guest's files as 'build' writes them, and once the installed system has powered off the guest",
                "gets miniascape's own definition back, marked installed. A guest marked installed is left as it",
                "is; cloud-init, import and none guests need no installer and are only started."})
    static final class Install extends Base {
        @Mixin
        GuestSelection selection;
        @Mixin
        WaitOptions waiting;
        @Mixin
        ApplyOptions apply;

        @Override
        public Integer call() {
            Planner.Options options = waiting.apply(apply.planner(false));
            libvirt.preload();
            Site s = site.load();
            List<Guest> guests = selection.select(s);
            return libvirt.apply(spec, site, s, options, apply.parallel(), LibvirtOptions.Confirmation.ALWAYS,
                    planner -> planner.up(Planner.Scope.install(s, guests)));
        }
    }
}
