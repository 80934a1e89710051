package org.miniascape.cli;

import java.util.ArrayList;
import java.util.List;
import org.miniascape.libvirt.Planner;
import picocli.CommandLine.Option;

/** --adopt, --adopt-all, --templates and --parallel: how the commands that bring objects up plan and apply. */
public final class ApplyOptions {

    @Option(names = "--adopt", paramLabel = "NAME",
            description = {"Take over an object of the site's that miniascape did not create for this site (a network,",
                "pool or domain NAME, a volume POOL/VOLUME): its mark is written. Repeatable."})
    List<String> adopt = new ArrayList<>();

    @Option(names = "--adopt-all", description = "Take over every such object of the site's.")
    boolean adoptAll;

    @Option(names = {"-t", "--templates"}, paramLabel = "TEMPLATE_DIR",
            description = {"A directory of templates, as 'build -t' takes them (repeatable): the install files that",
                "are rendered here (a kickstart, a NoCloud seed) and the guests' setup_data are rendered with them."})
    List<java.nio.file.Path> templateDirs = new ArrayList<>();

    @picocli.CommandLine.Mixin
    ParallelOption parallel;

    Planner.Options planner(boolean force) {
        return new Planner.Options(force, java.util.Set.copyOf(adopt), adoptAll);
    }

    ParallelOption parallel() {
        return parallel.check();
    }
}
