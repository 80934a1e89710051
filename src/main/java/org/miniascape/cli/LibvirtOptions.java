package org.miniascape.cli;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.miniascape.MiniascapeException;
import org.miniascape.libvirt.ApplyFailure;
import org.miniascape.libvirt.Change;
import org.miniascape.libvirt.ApplyResult;
import org.miniascape.libvirt.SiteApplier;
import picocli.CommandLine.Model.CommandSpec;

import org.miniascape.libvirt.HostProbe;
import org.miniascape.libvirt.Hypervisor;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --connect, --dry-run and --output, shared by every command that talks to libvirt. */
public final class LibvirtOptions {

    /** How results are printed. */
    public enum Output { TEXT, JSON }

    @Mixin
    ConnectOption connection;

    @Option(names = "--dry-run", description = "Print what would be done; change nothing.")
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

    /** Opens libvirt, runs one {@link SiteApplier} action and prints its report: what every applying command does. */
    public int apply(boolean force, CommandSpec spec, Function<SiteApplier, ApplyResult> action) {
        try (Hypervisor hv = open()) {
            ApplyResult result = action.apply(new SiteApplier(hv, probe(), dryRun, force));
            return ChangeReport.print(result, this, spec.commandLine().getOut(), spec.commandLine().getErr());
        } catch (MiniascapeException e) {
            if (json()) {
                // Scripts read stdout: a failure is a JSON document there too (the message also goes to stderr).
                List<Change> done = e instanceof ApplyFailure f ? f.done() : List.of();
                spec.commandLine().getOut().println(ChangeReport.failure(new ApplyResult(done, dryRun,
                        Optional.empty()), e));
                spec.commandLine().getOut().flush();
            }
            throw e;
        }
    }
}
