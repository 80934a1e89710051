package org.miniascape.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Site;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * -C and --demo, for the commands that touch libvirt: the site they act on is always one the user chose, never
 * the embedded demo site by accident. Without -C or --demo the site is looked up, and the first of these that
 * exists is used (a few stat calls):
 * <ol>
 * <li>{@code $MINIASCAPE_SITE}: a path as -C takes (a file, a directory, a glob), relative to the working
 *     directory;</li>
 * <li>{@code ./miniascape.yml}, then {@code ./miniascape.yaml};</li>
 * <li>{@code ./site/}: a directory, its {@code *.yml}/{@code *.yaml} files in name order.</li>
 * </ol>
 * None: exit 2 with a hint. {@code --demo} uses the embedded demo site (what {@code build} and {@code validate}
 * use without -C); with -C it is bad usage (exit 2).
 */
public final class HostSiteOptions {
    /** The variable that names the site when -C is not given. */
    static final String ENV = "MINIASCAPE_SITE";
    /** Looked for in the working directory, in this order, after $MINIASCAPE_SITE. */
    static final List<String> FILES = List.of("miniascape.yml", "miniascape.yaml");
    static final String DIRECTORY = "site";

    @Option(names = {"-C", "--config"}, paramLabel = "PATH",
            description = {SiteFiles.FORMS, SiteFiles.MERGE + " Default: $MINIASCAPE_SITE, else the first of"
                + " miniascape.yml, miniascape.yaml and site/ in the working directory; none is exit 2."})
    List<String> paths = new ArrayList<>();

    @Option(names = "--demo", description = "Use the embedded demo site (the default of 'build'), not one of your own.")
    boolean demo;

    /** The command this option is mixed into: its stderr takes the site's warnings. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private final Map<String, String> env;
    private final Path workingDirectory;
    private SiteFiles loaded;

    public HostSiteOptions() {
        this(System.getenv(), Path.of("."));
    }

    /** With the process environment and working directory given ({@link Main} passes them; tests pass their own). */
    HostSiteOptions(Map<String, String> env, Path workingDirectory) {
        this.env = Objects.requireNonNull(env);
        this.workingDirectory = Objects.requireNonNull(workingDirectory);
    }

    /**
     * Loads, validates and resolves the site: -C's, the embedded demo site with --demo, else the one the lookup
     * finds. No site, or -C with --demo, is exit 2 before anything happens; so is any configuration problem.
     */
    public Site load() {
        Site site = loadAcrossHosts();
        refuseMultiHost(site);
        return site;
    }

    /**
     * As {@link #load()}, taking a site over several hosts too: for {@code plan}, {@code up}, {@code down} and
     * {@code status}, which plan, apply or read every host through its own {@code uri}, and {@code ssh} and
     * {@code console}, which reach a guest through its host.
     */
    public Site loadAcrossHosts() {
        loaded = SiteFiles.load(arguments());
        loaded.printWarnings(mixee);
        return loaded.site();
    }

    /**
     * A site over several hosts is refused by the commands that act on one libvirt URI (exit 2, before anything
     * connects): applying it there would put every network and guest on that one host. {@code plan}, {@code up}
     * and {@code down} apply it to every host, {@code status} reads every host, {@code ssh} and {@code console}
     * go to the guest's host.
     */
    static void refuseMultiHost(Site site) {
        if (site.topology().multiHost()) {
            throw MiniascapeException.badInput("site " + site.name() + " spreads over " + site.topology().hosts().size()
                    + " hosts (" + String.join(", ", site.topology().hosts().stream().map(h -> h.name()).toList())
                    + "): only 'plan', 'up', 'down', 'status', 'ssh' and 'console' act on a site over several hosts"
                    + " (each host through its own uri); nothing was done");
        }
    }

    /**
     * One line saying what a command acts on, for the header before its first change: {@code site lab
     * (conf/site.yml, conf/extra.yml)}, or {@code site demo (the embedded demo site)}; the files are those that
     * {@link #load()} read, in merge order.
     */
    public String describe(Site site) {
        if (loaded == null) {
            throw new IllegalStateException("describe() before load()");
        }
        return "site " + site.name() + " (" + (demo ? "the embedded demo site" : String.join(", ", loaded.files()))
                + ")";
    }

    /**
     * Prints, on stderr (stdout may be one JSON document), the header of a command that changes the host:
     * {@code miniascape: site lab (FILES) on URI}. Call it after the site is loaded and checked, before the first
     * change.
     */
    public void announce(Site site, LibvirtOptions libvirt, CommandSpec spec) {
        announce(site, libvirt.uri(), spec);
    }

    /** The header, naming where the command acts ({@code URI}, or each host of a site over several). */
    public void announce(Site site, String where, CommandSpec spec) {
        spec.commandLine().getErr().println("miniascape: " + describe(site) + " on " + where);
        spec.commandLine().getErr().flush();
    }

    /** What to load, as -C arguments: those given; none (the embedded site) for --demo; else the lookup's. */
    List<String> arguments() {
        if (demo && !paths.isEmpty()) {
            throw MiniascapeException.badInput("--demo and -C exclude each other: --demo is the embedded demo site,"
                    + " -C PATH your own");
        }
        if (demo || !paths.isEmpty()) {
            return List.copyOf(paths);
        }
        return List.of(lookup(env, workingDirectory));
    }

    /** The environment the command runs in (the process's, or a test's). */
    Map<String, String> env() {
        return env;
    }

    /** The first of $MINIASCAPE_SITE, ./miniascape.yml, ./miniascape.yaml, ./site/ that exists; none is exit 2. */
    static String lookup(Map<String, String> env, Path workingDirectory) {
        return find(env, workingDirectory).orElseThrow(() -> MiniascapeException.badInput("no site to act on: no -C,"
                + " $" + ENV + " is not set, and there is no " + String.join(", ", FILES.stream()
                .map(f -> workingDirectory.resolve(f).toString()).toList()) + " or " + workingDirectory.resolve(DIRECTORY)
                + "/ directory; name your site with -C PATH (or $" + ENV + "), or use --demo for the embedded demo"
                + " site"));
    }

    /**
     * The first of $MINIASCAPE_SITE, ./miniascape.yml, ./miniascape.yaml, ./site/ that exists, if any (a
     * $MINIASCAPE_SITE naming nothing is exit 2).
     */
    static java.util.Optional<String> find(Map<String, String> env, Path workingDirectory) {
        String named = env.get(ENV);
        if (named != null && !named.isBlank()) {
            Path path = workingDirectory.resolve(named);
            // A glob is expanded as -C expands it, with -C's messages; a plain path must exist.
            if (!named.matches(".*[*?\\[{].*") && !Files.exists(path)) {
                throw MiniascapeException.badInput("$" + ENV + " is '" + named + "', but " + path + " does not exist;"
                        + " unset it, or name your site with -C PATH");
            }
            return java.util.Optional.of(path.toString());
        }
        for (String name : FILES) {
            Path file = workingDirectory.resolve(name);
            if (Files.isRegularFile(file)) {
                return java.util.Optional.of(file.toString());
            }
        }
        Path dir = workingDirectory.resolve(DIRECTORY);
        return Files.isDirectory(dir) ? java.util.Optional.of(dir.toString()) : java.util.Optional.empty();
    }
}
