package org.miniascape.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.miniascape.exec.Programs;
import org.miniascape.model.Site;
import org.miniascape.render.Generator;
import org.miniascape.render.Generators;
import org.miniascape.render.OutputTree;
import org.miniascape.render.Templates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generates every artifact of the site into the work directory, atomically. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Generate everything for the site into WORKDIR: site.json, networks/, host/, guests/.",
            "The configuration is validated first; on any problem nothing is written.",
            "The new output replaces WORKDIR only when complete.",
            "A rebuild touches only what changed: the same output leaves WORKDIR untouched;",
            "the tree a rebuild replaces is kept as .WORKDIR.spare for the next build.",
            "Every output holds the file .miniascape-output: an existing WORKDIR (or spare) that is not",
            "empty and lacks it is someone's files, and is refused (exit 2) unless --force.",
            "A WORKDIR that is a file or a symbolic link is always refused.",
            "host/topology.dot draws the site's networks and guests (Graphviz); host/topology.svg is drawn from it",
            "when the dot program (graphviz) is on PATH, and is left out without it."})
public final class BuildCommand implements Callable<Integer> {

    @Mixin
    SiteOptions site;

    @Option(names = {"-t", "--templates"}, paramLabel = "TEMPLATE_DIR",
            description = "A directory of templates that override the embedded ones by relative path "
                    + "(repeatable; the first that has a template wins).")
    List<Path> templateDirs = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "WORKDIR", defaultValue = "out",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path workdir;

    @Option(names = "--force",
            description = "Replace a WORKDIR (or .WORKDIR.spare) that is not a miniascape output (no .miniascape-output "
                    + "in it), removing what it holds; says what on stderr.")
    boolean force;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one line) or json (for scripts). Default: ${DEFAULT-VALUE}.")
    LibvirtOptions.Output output;

    @Spec
    CommandSpec spec;

    private final Path workingDirectory;
    private final Map<String, String> env;

    public BuildCommand() {
        this(Path.of("."), System.getenv());
    }

    /**
     * A relative WORKDIR is relative to {@code workingDirectory}; {@code env}'s PATH is where dot is looked for
     * ({@link Main} passes the process's, tests theirs).
     */
    BuildCommand(Path workingDirectory, Map<String, String> env) {
        this.workingDirectory = java.util.Objects.requireNonNull(workingDirectory);
        this.env = java.util.Objects.requireNonNull(env);
    }

    @Override
    public Integer call() {
        // Jinjava's start and the parsing of the templates (about 0.1 s of a small build, before the first
        // render) overlap the site load.
        Background<Templates> engine = new Background<>("miniascape-templates", () -> {
            Templates templates = new Templates(templateDirs);
            templates.prepare(Generators.templateNames());
            return templates;
        });
        Site s = site.load();
        Templates templates = engine.get();
        // The process's own working directory leaves WORKDIR as given, so that messages show it as it was typed.
        Path target = workingDirectory.equals(Path.of(".")) ? workdir : workingDirectory.resolve(workdir);
        boolean json = output == LibvirtOptions.Output.JSON;
        try (OutputTree out = OutputTree.keepingSpare(target, force)) {
            out.forced().forEach(line -> spec.commandLine().getErr().println("miniascape: note: " + line));
            for (Generator g : Generators.all(Programs.find("dot", env.get("PATH")))) {
                g.generate(s, templates, out);
            }
            out.commit();
            return PlanReport.print(spec, json, doc -> {
                if (json) {
                    doc.put("site", s.name());
                    doc.put("workdir", workdir.toString());
                    doc.put("files", out.files().size());
                    doc.put("unchanged", out.unchanged());
                } else {
                    spec.commandLine().getOut().printf("built site %s into %s: %d files%s%n", s.name(), workdir,
                            out.files().size(), out.unchanged()
                            ? ", all unchanged (the directory was left as it was)" : "");
                }
                return ExitCode.OK;
            });
        }
    }
}
