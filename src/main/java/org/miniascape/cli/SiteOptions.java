package org.miniascape.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.miniascape.model.Site;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The -C option of the commands that only read a site (build, validate, pack): without -C, the site found where
 * the commands that touch libvirt look for it ({@link HostSiteOptions}: $MINIASCAPE_SITE, ./miniascape.yml,
 * ./miniascape.yaml, ./site/), else the embedded default site.
 */
public final class SiteOptions {

    @Option(names = {"-C", "--config"}, paramLabel = "PATH",
            description = {SiteFiles.FORMS, SiteFiles.MERGE + " Default: $MINIASCAPE_SITE, ./miniascape.yml,"
                + " ./miniascape.yaml or ./site/, else the embedded default site."})
    List<String> paths = new ArrayList<>();

    /** The command this option is mixed into: its stderr takes the site's warnings. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private final Map<String, String> env;
    private final Path workingDirectory;

    public SiteOptions() {
        this(System.getenv(), Path.of("."));
    }

    SiteOptions(Map<String, String> env, Path workingDirectory) {
        this.env = Objects.requireNonNull(env);
        this.workingDirectory = Objects.requireNonNull(workingDirectory);
    }

    /** Loads, validates and resolves the site; any configuration problem is exit 2 before anything happens. */
    public Site load() {
        return loadFiles().site();
    }

    /** As {@link #load()}, with the files read and the warnings (printed on stderr already). */
    SiteFiles loadFiles() {
        SiteFiles loaded = SiteFiles.load(arguments());
        loaded.printWarnings(mixee);
        return loaded;
    }

    /** What to load, as -C arguments: those given, else the site found, else none (the embedded site). */
    List<String> arguments() {
        if (!paths.isEmpty()) {
            return List.copyOf(paths);
        }
        return HostSiteOptions.find(env, workingDirectory).map(List::of).orElse(List.of());
    }
}
