package org.miniascape.cli;

import java.util.ArrayList;
import java.util.List;
import org.miniascape.model.Site;
import picocli.CommandLine.Option;

/**
 * The -C option of the commands that only read a site (build, validate, pack): without -C, the embedded default
 * site. The commands that touch libvirt take {@link HostSiteOptions} instead.
 */
public final class SiteOptions {

    @Option(names = {"-C", "--config"}, paramLabel = "PATH",
            description = {SiteFiles.FORMS, SiteFiles.MERGE + " Default: the embedded default site."})
    List<String> paths = new ArrayList<>();

    /** Loads, validates and resolves the site; any configuration problem is exit 2 before anything happens. */
    public Site load() {
        return SiteFiles.load(paths).site();
    }

    public List<String> paths() {
        return List.copyOf(paths);
    }
}
