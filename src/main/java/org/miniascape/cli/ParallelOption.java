package org.miniascape.cli;

import org.miniascape.MiniascapeException;
import picocli.CommandLine.Option;

/** --parallel N: how many of a plan's actions are carried out at the same time, at most. */
public final class ParallelOption {

    @Option(names = "--parallel", paramLabel = "N",
            description = "Actions carried out at the same time, at most (default: the host's CPUs).")
    Integer parallel;

    int value() {
        if (parallel != null && parallel < 1) {
            throw MiniascapeException.badInput("--parallel must be at least 1");
        }
        return parallel != null ? parallel : Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
