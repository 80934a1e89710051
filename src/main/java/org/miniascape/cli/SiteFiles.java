package org.miniascape.cli;

import java.util.List;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Site;

/**
 * What {@link SiteOptions} and {@link HostSiteOptions} share: the help text of {@code -C}, and a loaded site with
 * the files it was read from (after directory and glob expansion, in merge order).
 */
record SiteFiles(Site site, List<String> files, List<org.miniascape.validate.Problem> warnings) {
    /** The first line of -C's description. */
    static final String FORMS = "Site configuration: a YAML file, a directory (its *.yml/*.yaml in name order) or "
            + "a glob.";
    /** The second line of -C's description, without the default (which differs). */
    static final String MERGE = "Repeatable; later files deep-merge over earlier ones.";

    SiteFiles {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** {@code paths} as given to -C (empty: the embedded site); any configuration problem is exit 2. */
    static SiteFiles load(List<String> paths) {
        SiteLoader.Loaded loaded = SiteLoader.loadFiles(paths);
        return new SiteFiles(loaded.site(), loaded.files(), loaded.warnings());
    }

    /**
     * Prints the warnings of the site's validation on {@code spec}'s stderr ({@code FILE:LINE:COLUMN: warning:
     * MESSAGE}; stdout may be one JSON document); nothing without a command (a test's own instance).
     */
    void printWarnings(picocli.CommandLine.Model.CommandSpec spec) {
        if (spec == null || warnings.isEmpty()) {
            return;
        }
        java.io.PrintWriter err = spec.commandLine().getErr();
        warnings.forEach(err::println);
        err.flush();
    }
}
