package org.miniascape.cli;

import org.miniascape.libvirt.Planner;
import picocli.CommandLine.Option;

/** --wait/--no-wait and --timeout: whether bringing a site up waits until its started guests are ready. */
public final class WaitOptions {

    @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Wait until every started guest is ready (the default); --no-wait ends once they are",
                "started."})
    boolean waitReady;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "15m",
            description = {"How long to wait for a guest to be ready: 90s, 15m, 1h (default: ${DEFAULT-VALUE},",
                "what a guest's first boot may take without KVM)."})
    String timeout;

    /** The options with the wait for readiness, as asked; --timeout is checked even with --no-wait. */
    Planner.Options apply(Planner.Options options) {
        java.time.Duration wait = Durations.parse("--timeout", timeout);
        return waitReady ? options.waitingReady(wait) : options;
    }
}
