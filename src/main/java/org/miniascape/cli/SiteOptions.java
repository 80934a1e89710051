package org.miniascape.cli;

import java.util.ArrayList;
import java.util.List;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Site;
import picocli.CommandLine.Option;

/** The -C option shared by every command that reads a site. */
public final class SiteOptions {

    @Option(names = {"-C", "--config"}, paramLabel = "PATH",
            description = {"Site configuration: a YAML file, a directory (its *.yml/*.yaml in name order) or a glob.",
                "Repeatable; later files deep-merge over earlier ones. Default: the embedded default site."})
    List<String> paths = new ArrayList<>();

    /** Loads, validates and resolves the site; any configuration problem is exit 2 before anything happens. */
    public Site load() {
        return SiteLoader.load(paths);
    }

    public List<String> paths() {
        return List.copyOf(paths);
    }
}
