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
            Site s = site.load();
            List<Guest> guests = selection.select(s);
            return libvirt.apply(spec, site, s, apply.planner(false), apply.parallel(), LibvirtOptions.Confirmation.ALWAYS,
                    planner -> planner.up(Planner.Scope.guests(s, guests)));
        }
    }

    @picocli.CommandLine.Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the guests' domains (they must be defined: see 'guest define').")
    static final class Start extends Base {
        @Mixin
        GuestSelection selection;

        @Override
        public Integer call() {
            libvirt.preload();
            Site s = site.load();
            List<Guest> guests = selection.select(s);
            return libvirt.apply(spec, site, s, Planner.Options.DEFAULT, 1, LibvirtOptions.Confirmation.ALWAYS,
                    planner -> planner.up(Planner.Scope.boot(guests)));
        }
    }

    @picocli.CommandLine.Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Power the guests off (virDomainDestroy).")
    static final class Stop extends Base {
        @Mixin
        GuestSelection selection;

        @Override
        public Integer call() {
            libvirt.preload();
            Site s = site.load();
            List<Guest> guests = selection.select(s);
            return libvirt.apply(spec, site, s, Planner.Options.DEFAULT, 1, LibvirtOptions.Confirmation.ALWAYS,
                    planner -> planner.stop(guests));
        }
    }

    @picocli.CommandLine.Command(name = "undefine", mixinStandardHelpOptions = true,
            description = "Power the guests off if running and undefine them; their volumes stay ('down' removes them).")
    static final class Undefine extends Base {
        @Mixin
        GuestSelection selection;

        @Override
        public Integer call() {
            libvirt.preload();
            Site s = site.load();
            List<Guest> guests = selection.select(s);
            return libvirt.apply(spec, site, s, Planner.Options.DEFAULT, 1, LibvirtOptions.Confirmation.ALWAYS,
                    planner -> planner.down(Planner.Scope.domains(guests)));
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
            if (libvirt.json()) {
                out.println(PlanReport.toJson(rows));
            } else {
                out.printf("%-20s %-8s %-12s %s%n", "NAME", "DEFINED", "STATE", "INSTALL");
                for (Map<String, Object> r : rows) {
                    out.printf("%-20s %-8s %-12s %s%n", r.get("name"), NetListCommand.yes((Boolean) r.get("defined")),
                            r.get("state"), r.get("install"));
                }
            }
            return ExitCode.OK;
        }
    }

    @picocli.CommandLine.Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Run the guest's installer: WORKDIR/guests/NAME/vmbuild.sh from 'miniascape build'.",
                "It creates the volumes, then runs virt-install, with QEMU_CONNECT set to the --connect URI.",
                "For install methods kickstart, preseed and cloud-init; 'import' and 'none' guests need none."})
    static final class Install implements Callable<Integer> {
        @Mixin
        HostSiteOptions site;
        @Mixin
        LibvirtOptions libvirt;
        @Parameters(paramLabel = "NAME", description = "A guest of the site.")
        String name;
        @Option(names = {"-w", "--workdir"}, paramLabel = "WORKDIR", defaultValue = "out",
                description = "The output directory of 'miniascape build' (default: ${DEFAULT-VALUE}).")
        Path workdir;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            libvirt.preload();
            Site s = site.load();
            Guest g = s.guest(name).orElseThrow(() -> MiniascapeException.badInput("site " + s.name()
                    + " has no guest '" + name + "'"));
            if (Planner.bootsAsIs(g)) {
                throw MiniascapeException.badInput("guest " + name + " is installed by '" + g.install().method().key()
                        + "': there is no installer to run; 'miniascape guest define/start " + name + "' or 'up'");
            }
            Path script = workdir.resolve("guests").resolve(name).resolve("vmbuild.sh");
            if (!Files.isRegularFile(script)) {
                throw MiniascapeException.badInput(script + " does not exist; run 'miniascape build -w " + workdir
                        + "' first");
            }
            site.announce(s, libvirt, spec);
            // With --output json, stdout holds the JSON report alone: progress and the installer's own output go
            // to stderr.
            PrintWriter info = libvirt.json() ? spec.commandLine().getErr() : spec.commandLine().getOut();
            List<Map<String, Object>> changes = new ArrayList<>();
            // 'up' and 'guest define' define every guest; virt-install defines the guest itself and refuses a name
            // in use. A defined guest that is not running has not been installed yet: its definition makes way.
            try (Hypervisor hv = libvirt.open()) {
                Optional<DomainStatus> d = hv.domain(name);
                if (d.isPresent() && d.get().active()) {
                    throw MiniascapeException.hostState("guest " + name + " is running; an installer would overwrite"
                            + " its disks: 'miniascape guest stop " + name + "' first if that is what you want");
                }
                if (d.isPresent()) {
                    Optional<String> refusal = new Planner(hv, HostProbe.NONE, s, Planner.Options.DEFAULT)
                            .domainRefusal(name);
                    if (refusal.isPresent()) {
                        throw MiniascapeException.hostState(refusal.get() + " ('miniascape up --adopt " + name
                                + "'); the installer would undefine it");
                    }
                    if (libvirt.dryRun()) {
                        info.println("guest " + name + ": would undefine the domain defined"
                                + " by 'up'/'guest define' (volumes stay), then run " + script);
                        changes.add(change("undefine", "the domain defined by 'up'/'guest define' (volumes stay),"
                                + " then " + script + " runs"));
                        return report(changes);
                    }
                    hv.undefineDomain(name);
                    info.println("guest " + name + ": undefined the domain defined by"
                            + " 'up'/'guest define' (volumes stay) so that the installer can define it");
                    changes.add(change("undefine", "the domain defined by 'up'/'guest define' (volumes stay), so"
                            + " that the installer can define it"));
                }
            }
            List<String> argv = new ArrayList<>(List.of("bash", script.toString()));
            if (libvirt.dryRun()) {
                argv.add("--dry-run");
            }
            ExecResult r = new Executor().run(Command.of(argv).env("QEMU_CONNECT", libvirt.uri())
                    .timeout(Duration.ofHours(3)));
            info.print(r.stdout());
            spec.commandLine().getErr().print(r.stderr());
            if (!r.ok()) {
                throw MiniascapeException.failed("the installer of guest " + name + " (" + script + ") exited "
                        + r.exitCode());
            }
            info.println("guest " + name + ": installer finished");
            changes.add(change("install", "installed by " + script));
            return report(changes);
        }

        /** Text mode has printed its lines already; JSON mode prints the one document. */
        private Map<String, Object> change(String action, String detail) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "domain");
            m.put("name", name);
            m.put("action", action);
            m.put("detail", detail);
            return m;
        }

        private int report(List<Map<String, Object>> changes) {
            if (libvirt.json()) {
                Map<String, Object> doc = PlanReport.envelope("guest install", true, ExitCode.OK);
                doc.put("dry_run", libvirt.dryRun());
                doc.put("changes", changes);
                doc.put("error", null);
                spec.commandLine().getOut().println(PlanReport.toJson(doc));
            }
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return ExitCode.OK;
        }
    }
}
