package org.miniascape.cli;

import org.miniascape.MiniascapeException;
import org.miniascape.libvirt.Action;
import org.miniascape.libvirt.HostCapacity;
import org.miniascape.libvirt.Plan;
import org.miniascape.model.Site;
import picocli.CommandLine.Option;

/**
 * --parallel N: how many of a plan's actions are carried out at the same time, at most. Without it, the number
 * follows the libvirt host ({@link #forPlan}).
 */
public final class ParallelOption {

    @Option(names = "--parallel", paramLabel = "N",
            description = {"Actions carried out at the same time, at most. Default: twice the libvirt host's CPUs,",
                "and no more than its free memory holds of the largest guest the plan starts."})
    Integer parallel;

    /** A fixed number, for commands without --parallel. */
    static ParallelOption fixed(int n) {
        ParallelOption o = new ParallelOption();
        o.parallel = n;
        return o.check();
    }

    /** Refuses a bad --parallel before anything is planned (exit 2). */
    ParallelOption check() {
        if (parallel != null && parallel < 1) {
            throw MiniascapeException.badInput("--parallel must be at least 1");
        }
        return this;
    }

    /** --parallel when given, else {@link #forPlan}. */
    int value(Plan plan, Site site, HostCapacity host) {
        check();
        return parallel != null ? parallel : forPlan(plan, site, host);
    }

    /**
     * The capacity of several hosts taken as one for the plan over all of them: their CPUs added up, the least
     * free memory of any (so that no host is overcommitted by its guests starting side by side).
     */
    static HostCapacity combined(java.util.Collection<? extends org.miniascape.libvirt.HostReader> hosts) {
        int cpus = 0;
        java.util.OptionalLong free = java.util.OptionalLong.empty();
        for (org.miniascape.libvirt.HostReader h : hosts) {
            HostCapacity c = h.capacity();
            cpus += c.cpus();
            if (c.freeMemoryMib().isPresent()) {
                free = java.util.OptionalLong.of(Math.min(free.orElse(Long.MAX_VALUE), c.freeMemoryMib().getAsLong()));
            }
        }
        return new HostCapacity(Math.max(1, cpus), free);
    }

    /**
     * The default: twice the host's CPUs — an action is mostly libvirt (and QEMU starting) at work, not this
     * process — but no more at once than the host's free memory holds of the largest guest that the plan starts
     * or installs (when the host tells its free memory), so that starting guests side by side does not
     * overcommit the host; at least 1.
     */
    static int forPlan(Plan plan, Site site, HostCapacity host) {
        int byCpus = 2 * host.cpus();
        long largest = 0;
        for (Action a : plan.actions()) {
            boolean starts = (a.kind() == Action.Kind.BOOT || a.kind() == Action.Kind.INSTALL)
                    && a.type() != Action.Type.DELETE && !a.steps().isEmpty();
            if (starts) {
                largest = Math.max(largest, site.guest(a.name()).map(g -> (long) g.hardware().memoryMib()).orElse(0L));
            }
        }
        long byMemory = largest == 0 || host.freeMemoryMib().isEmpty() ? byCpus
                : host.freeMemoryMib().getAsLong() / largest;
        return (int) Math.max(1, Math.min(byCpus, byMemory));
    }
}
