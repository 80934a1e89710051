package org.miniascape.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import org.miniascape.libvirt.HostProbe;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.libvirt.Plan;
import org.miniascape.libvirt.PlanExecutor;
import org.miniascape.libvirt.Planner;
import org.miniascape.libvirt.ReadOnceHost;
import org.miniascape.model.Site;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** --connect, --dry-run and --output, shared by every command that talks to libvirt. */
public final class LibvirtOptions {

    /** {@code plan --detailed-exitcode}: a plan with changes is exit 2 (set by {@link PlanCommand}). */
    boolean detailedExitCode;

    /** How results are printed. */
    public enum Output { TEXT, JSON }

    @Mixin
    ConnectOption connection;

    /** The template directories of the commands with --templates (ApplyOptions): the embedded ones else. */
    private java.util.List<java.nio.file.Path> templateDirs = java.util.List.of();

    void templateDirs(java.util.List<java.nio.file.Path> dirs) {
        templateDirs = java.util.List.copyOf(dirs);
    }

    @Option(names = "--dry-run", description = "Print the plan, as 'miniascape plan' does; change nothing.")
    boolean dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one line per object) or json (for scripts). Default: ${DEFAULT-VALUE}.")
    Output output;

    /** The URI to use: --connect, else $LIBVIRT_DEFAULT_URI, else qemu:///system; never a silent fallback. */
    public String uri() {
        return connection.uri();
    }

    public Hypervisor open() {
        return Hypervisor.open(uri());
    }

    /**
     * Starts loading libvirt's client library on a thread of its own (JNA, dlopen, the error callback: about
     * 60 ms of a fresh JVM), so that it overlaps the loading of the site; {@link #open()} then only connects.
     * Nothing connects before the site is known to be valid.
     */
    public void preload() {
        Hypervisor.preload();
    }

    public HostProbe probe() {
        return HostProbe.forUri(uri());
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean json() {
        return output == Output.JSON;
    }

    /** What a command that changes libvirt does with its plan once it is printed. */
    interface Confirmation {
        /** True to go on; false stops with nothing changed (exit 0 after saying so). */
        boolean confirm(Plan plan);

        Confirmation ALWAYS = plan -> true;
    }

    /**
     * A cloud-init guest's NoCloud seed: its cloud-init files rendered as {@code build} renders them (the
     * template engine starts only when a seed is needed), packed by xorriso.
     */
    static final class Seeds implements Planner.Seeds {
        private final Site site;
        private final java.util.List<java.nio.file.Path> templateDirs;
        private org.miniascape.render.Templates templates;

        Seeds(Site site, java.util.List<java.nio.file.Path> templateDirs) {
            this.site = site;
            this.templateDirs = java.util.List.copyOf(templateDirs);
        }

        @Override
        public byte[] seed(org.miniascape.model.Guest guest) {
            Map<String, String> files = new java.util.LinkedHashMap<>();
            org.miniascape.render.guest.GuestFilesGenerator.installFiles(guest, site, templates()).forEach(
                    (path, text) -> files.put(path.substring(path.lastIndexOf('/') + 1), text));
            return new org.miniascape.image.NoCloudSeedImage(new org.miniascape.exec.Executor())
                    .pack(guest.name(), files);
        }

        synchronized org.miniascape.render.Templates templates() {
            if (templates == null) {
                templates = new org.miniascape.render.Templates(templateDirs);
            }
            return templates;
        }
    }

    /** What stderr shows while a plan runs; closed once the plan is done. */
    interface Display extends PlanExecutor.Listener, AutoCloseable {
        @Override
        void close();

        /**
         * On a terminal ({@link Terminal#liveColumns}), a live display of one line per guest; elsewhere (a pipe, a
         * log, {@code MINIASCAPE_PROGRESS=plain}) one plain line per state reached.
         */
        static Display of(PrintWriter err, Plan plan, Map<String, String> env) {
            java.util.OptionalInt columns = Terminal.liveColumns(env);
            return columns.isPresent() ? LiveProgress.start(err, columns.getAsInt(), plan) : new Progress(err);
        }
    }

    /**
     * While a plan runs: one plain line on stderr per state a guest reaches (its leases, ready), so that a long
     * wait shows where it is; stdout keeps the plan and its result.
     */
    static final class Progress implements Display {
        private final PrintWriter err;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(org.miniascape.libvirt.Action action) {
            if (action.kind() == org.miniascape.libvirt.Action.Kind.READY) {
                line("guest " + action.name() + ": waiting for " + action.reason().replaceFirst("^for ", ""));
            }
        }

        @Override
        public void progress(org.miniascape.libvirt.Action action, String state) {
            line("guest " + action.name() + ": " + state);
        }

        @Override
        public void finished(PlanExecutor.Outcome outcome) {
            org.miniascape.libvirt.Action a = outcome.action();
            if (a.kind() == org.miniascape.libvirt.Action.Kind.BOOT
                    && outcome.status() == PlanExecutor.Status.DONE) {
                line("guest " + a.name() + ": started");
            }
        }

        private synchronized void line(String text) {
            err.println(text);
            err.flush();
        }

        @Override
        public void close() {
        }
    }

    /**
     * {@link #apply} for the commands that take no planning options: default options, one action at a time, no
     * question asked (guest start, stop and undefine, storage and net unregister).
     */
    public int applyPlain(CommandSpec spec, HostSiteOptions siteOptions, Site site, Function<Planner, Plan> plan) {
        return apply(spec, siteOptions, site, Planner.Options.DEFAULT, ParallelOption.fixed(1), Confirmation.ALWAYS,
                plan);
    }

    /**
     * What every applying command does: plan ({@code plan} gets a {@link Planner} over this connection), print
     * the plan, and — unless it is a dry run, something is refused (exit 3: nothing is changed), or
     * {@code confirmation} says no — carry out exactly it and print what became of each action (exit 1 when an
     * action failed). First, stderr says which site (and its files) and which URI the plan is for.
     * With --output json, stdout holds one document (a failure's is {@link Main}'s).
     */
    public int apply(CommandSpec spec, HostSiteOptions siteOptions, Site site, Planner.Options options, ParallelOption parallel,
                     Confirmation confirmation, Function<Planner, Plan> plan) {
        if (site.topology().multiHost()) {
            return applyHosts(spec, siteOptions, site, options, parallel, confirmation, plan);
        }
        try (Hypervisor hv = open()) {
            siteOptions.announce(site, this, spec);
            Seeds seeds = new Seeds(site, templateDirs);
            // Planning is one pass that only reads (each network's XML is asked for by several checks); the
            // executor and the waits read the host itself, as the plan's actions change it.
            Plan p = plan.apply(new Planner(ReadOnceHost.of(hv), probe(), site, options, seeds,
                    new GuestInstaller(site, uri(), seeds::templates)));
            return carryOut(spec, siteOptions, site, p, confirmation, display -> new PlanExecutor(hv,
                    parallel.value(p, site, hv.capacity()), display));
        }
        // A failure's JSON document (stdout holds one whatever happens) is printed by Main, for every command.
    }

    /**
     * {@link #apply} for a site over several hosts: every host connected to by its own {@code uri} (-c is not
     * used), each planned over its slice of the site by {@code plan} of its own planner, one plan over all of
     * them, carried out with each action against its host's connection. A host that cannot be connected to fails
     * its one action; the others are carried out (exit 1).
     */
    private int applyHosts(CommandSpec spec, HostSiteOptions siteOptions, Site site, Planner.Options options,
                           ParallelOption parallel, Confirmation confirmation, Function<Planner, Plan> plan) {
        try (org.miniascape.libvirt.HostSet hosts = org.miniascape.libvirt.HostSet.open(site, Hypervisor::open,
                new org.miniascape.exec.Executor())) {
            siteOptions.announce(site, hosts.describe(), spec);
            Seeds seeds = new Seeds(site, templateDirs);
            Plan p = hosts.plan((host, reader, probe, slice, where) -> new Planner(ReadOnceHost.of(reader), probe, slice, options,
                    seeds, new GuestInstaller(slice, host.uri(), seeds::templates), where), plan);
            return carryOut(spec, siteOptions, site, p, confirmation, display -> new PlanExecutor(
                    hosts.hypervisors(), parallel.value(p, site, ParallelOption.combined(hosts.hypervisors().values())),
                    display));
        }
    }

    /** Prints the plan and, unless it is only a plan, carries it out with the executor {@code executor} makes. */
    private int carryOut(CommandSpec spec, HostSiteOptions siteOptions, Site site, Plan p, Confirmation confirmation,
                         Function<PlanExecutor.Listener, PlanExecutor> executor) {
        String command = PlanReport.command(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // The JSON document is made only for --output json: a plan of 10,000 guests has 30,000 actions.
        Map<String, Object> doc = PlanReport.envelope(command, true, 0);
        if (json()) {
            doc.put("dry_run", dryRun);
            doc.put("plan", PlanReport.planJson(p));
        }
        if (!json()) {
            PlanReport.text(p, out);
            out.flush();
        }
        int code;
        if (!p.refused().isEmpty()) {
            code = ExitCode.HOST_STATE;
            err.println("miniascape: nothing was changed: " + p.refused().size() + " refused:\n  "
                    + String.join("\n  ", PlanReport.refusals(p)));
        } else if (dryRun || !p.hasChanges()) {
            code = ExitCode.OK;
        } else if (!confirmation.confirm(p)) {
            err.println("miniascape: nothing was changed");
            code = ExitCode.OK;
        } else {
            PlanExecutor.Result r;
            try (Display display = Display.of(err, p, siteOptions.env())) {
                r = executor.apply(display).execute(p);
            }
            code = r.exitCode();
            if (json()) {
                doc.put("result", PlanReport.resultJson(r, site));
            }
            if (!json()) {
                PlanReport.text(r, out);
            }
            if (!r.ok()) {
                err.println("miniascape: error: " + r.count(PlanExecutor.Status.FAILED) + " of the plan's"
                        + " actions failed; what was done is listed above");
            }
        }
        if (code == ExitCode.OK && detailedExitCode && p.hasChanges()) {
            code = ExitCode.USAGE_OR_CONFIG;
        }
        if (json()) {
            PlanReport.finish(doc, code, code == ExitCode.OK ? null : code == ExitCode.HOST_STATE
                    ? String.join("; ", PlanReport.refusals(p)) : code == ExitCode.USAGE_OR_CONFIG
                    ? "the plan has changes (--detailed-exitcode)" : "an action failed");
            out.println(PlanReport.toJson(doc));
        }
        out.flush();
        err.flush();
        return code;
    }
}
