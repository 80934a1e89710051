package org.miniascape.cli;

import java.util.ArrayList;
import java.util.List;
import org.miniascape.libvirt.Planner;
import picocli.CommandLine.Option;

/** --adopt, --adopt-all and --parallel: how the commands that bring objects up plan and apply. */
public final class ApplyOptions {

    @Option(names = "--adopt", paramLabel = "NAME",
            description = {"Take over an object of the site's that miniascape did not create for this site (a network,",
                "pool or domain NAME, a volume POOL/VOLUME): its mark is written. Repeatable."})
    List<String> adopt = new ArrayList<>();

    @Option(names = "--adopt-all", description = "Take over every such object of the site's.")
    boolean adoptAll;

    @picocli.CommandLine.Mixin
    ParallelOption parallel;

    Planner.Options planner(boolean force) {
        return new Planner.Options(force, java.util.Set.copyOf(adopt), adoptAll);
    }

    ParallelOption parallel() {
        return parallel.check();
    }
}
