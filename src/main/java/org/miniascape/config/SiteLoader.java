package org.miniascape.config;

import java.util.List;
import java.util.Optional;
import org.miniascape.model.Site;
import org.miniascape.validate.GuestChecks;
import org.miniascape.validate.Problems;
import org.miniascape.validate.SiteResolver;
import org.miniascape.validate.SiteValidator;
import org.miniascape.validate.TopologyResolver;
import org.miniascape.validate.TopologyValidator;

/**
 * Configuration files → the resolved, validated site. Every problem of every stage is collected and reported
 * together (a {@link org.miniascape.validate.ConfigException}, exit 2) before anything is written or touched.
 */
public final class SiteLoader {

    /** A line that starts with a Jinja2 statement: YAML cannot start a line so. */
    private static final java.util.regex.Pattern OLD_TEMPLATE = java.util.regex.Pattern.compile("(?m)^[ \\t]*\\{%");

    private SiteLoader() {
    }

    /** {@code paths} as given to -C; empty means the embedded default site. */
    public static Site load(List<String> paths) {
        return loadFiles(paths).site();
    }

    /**
     * A site, the names of the files it was read from (after directory and glob expansion), and the warnings its
     * validation found (printed by the commands, never an error).
     */
    public record Loaded(Site site, List<String> files, List<org.miniascape.validate.Problem> warnings) {
        public Loaded {
            files = List.copyOf(files);
            warnings = List.copyOf(warnings);
        }
    }

    /** As {@link #load}, with the files read and the warnings. */
    public static Loaded loadFiles(List<String> paths) {
        Problems problems = new Problems();
        List<ConfigSources.Source> sources = ConfigSources.resolve(paths, problems);
        Site site = load(sources, problems);
        return new Loaded(site, sources.stream().map(ConfigSources.Source::name).toList(), problems.warnings());
    }

    /** From configuration texts already in memory (tests, generated sites). */
    public static Site loadSources(List<ConfigSources.Source> sources) {
        return load(sources, new Problems());
    }

    /** {@code problems} may hold what reading the files found already (bytes that are not UTF-8). */
    private static Site load(List<ConfigSources.Source> sources, Problems problems) {
        Optional<YNode> merged = Optional.empty();
        boolean unreadable = !problems.isEmpty(); // a file too large, or not UTF-8
        for (ConfigSources.Source source : sources) {
            java.util.regex.Matcher jinja = OLD_TEMPLATE.matcher(source.text());
            if (jinja.find()) { // a miniascape 0.3 file: a Jinja2 template, not YAML yet
                int line = (int) source.text().substring(0, jinja.start()).chars().filter(c -> c == '\n').count() + 1;
                problems.add(new org.miniascape.model.SourcePosition(source.name(), line, 1), "a miniascape 0.3 "
                        + "configuration (a Jinja2 template, '{%'): convert its directory with 'miniascape migrate DIR'");
                unreadable = true;
                continue;
            }
            Optional<YNode> root = YamlReader.read(source.name(), source.text(), problems);
            if (root.isPresent()) {
                merged = Optional.of(merged.map(m -> TreeMerge.merge(m, root.get())).orElse(root.get()));
            } else {
                unreadable = true;
            }
        }
        if (unreadable) {
            problems.throwIfAny(); // a file that cannot be read cannot be checked any further
        }
        org.miniascape.model.declared.DeclaredSite declared = SiteReader.read(merged, problems);
        SiteValidator.validate(declared, problems);
        TopologyValidator.validate(declared, problems);
        problems.throwIfAny();
        Site resolved = TopologyResolver.resolve(SiteResolver.resolve(declared, problems), problems);
        problems.throwIfAny();
        GuestChecks.check(resolved, problems);
        problems.throwIfAny();
        return resolved;
    }
}
