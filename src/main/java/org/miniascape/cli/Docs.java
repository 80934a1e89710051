package org.miniascape.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the man pages and the shell completion from the command model; the build runs it in the package
 * phase ({@code mvn package}: target/man/, target/completion/). Not part of any command: nothing of it runs
 * when the tool starts.
 *
 * <p>Arguments: MAN_DIR COMPLETION_DIR SITE_PAGE, the last the hand-written miniascape-site(5) source, copied
 * with its {@code @VERSION@} filled in.
 */
public final class Docs {
    /** The bash completion script's file name: bash-completion loads a command's script by the command's name. */
    static final String BASH_COMPLETION = "miniascape";
    /** The zsh completion's file name: compinit autoloads {@code _miniascape} from the function path. */
    static final String ZSH_COMPLETION = "_miniascape";

    private Docs() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: Docs MAN_DIR COMPLETION_DIR SITE_PAGE_SOURCE");
        }
        write(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    /** The whole command tree, as help sees it, independent of the environment of the build. */
    static CommandLine tree() {
        PrintWriter none = new PrintWriter(new StringWriter());
        return Main.commandLine(none, none, new Main.Environment(Map.of(), Path.of(".")));
    }

    static String version() {
        String v = VersionProvider.buildInfo().getProperty("version", "");
        return v.isBlank() ? "(unknown version)" : v;
    }

    static void write(Path manDir, Path completionDir, Path sitePage) throws IOException {
        CommandLine cli = tree();
        String version = version();
        Files.createDirectories(manDir);
        for (CommandLine c : ManPages.commands(cli)) {
            Map<String, String> extra = c == cli ? topLevelSections() : Map.of();
            Files.writeString(manDir.resolve(ManPages.name(c.getCommandSpec()) + ".1"),
                    ManPages.page(c, version, extra), StandardCharsets.UTF_8);
        }
        Files.writeString(manDir.resolve(ManPages.SITE_PAGE + ".5"),
                Files.readString(sitePage, StandardCharsets.UTF_8).replace("@VERSION@", version),
                StandardCharsets.UTF_8);
        Files.createDirectories(completionDir);
        String bash = bashCompletion(cli);
        Files.writeString(completionDir.resolve(BASH_COMPLETION), bash, StandardCharsets.UTF_8);
        Files.writeString(completionDir.resolve(ZSH_COMPLETION), zshCompletion(bash), StandardCharsets.UTF_8);
    }

    /**
     * zsh completion: a {@code #compdef} file that compinit autoloads from the function path the first time
     * miniascape's arguments are completed. Its body is the bash script, run once under zsh's bash completion
     * emulation (bashcompinit): that defines the script's functions and registers them for later completions
     * ({@code complete -F}), and then this first completion is done by them too. One script, so bash and zsh
     * complete the same model.
     */
    static String zshCompletion(String bash) {
        return "#compdef miniascape\n"
                + "# zsh completion for miniascape, generated from its command model. compinit loads this file as the\n"
                + "# function _miniascape the first time miniascape's arguments are completed; it runs the bash\n"
                + "# completion below through bashcompinit, which registers it for every later completion.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash.replaceFirst("^#!.*\n", "")
                + "\n# This first completion, by the function just registered.\n"
                + "_bash_complete -F _complete_miniascape -o default\n";
    }

    /**
     * bash completion from picocli: subcommands, options and option values; in zsh it works through
     * bashcompinit (the script itself loads it there).
     */
    static String bashCompletion(CommandLine cli) {
        return AutoComplete.bash("miniascape", cli);
    }

    /** What miniascape(1) says beyond the model: the environment and the files it reads. */
    private static Map<String, String> topLevelSections() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ENVIRONMENT", String.join("\n", List.of(
                ".TP", "\\fBMINIASCAPE_SITE\\fR",
                "The site (a path as \\fB\\-C\\fR takes) of the commands that touch libvirt (plan, net, storage,",
                "guest, up, down) when neither \\fB\\-C\\fR nor \\fB\\-\\-demo\\fR is given.",
                ".TP", "\\fBLIBVIRT_DEFAULT_URI\\fR",
                "The libvirt URI when \\fB\\-c\\fR is not given; else qemu:///system.",
                ".TP", "\\fBMINIASCAPE_HEAP\\fR",
                "The launcher's heap limit (default 256m), e.g. 1g for very large sites.", "")));
        m.put("FILES", String.join("\n", List.of(
                ".TP", "\\fI./miniascape.yml\\fR, \\fI./miniascape.yaml\\fR, \\fI./site/\\fR",
                "The site of the commands that touch libvirt, the first that exists, after \\fBMINIASCAPE_SITE\\fR;",
                "see \\fBminiascape\\-site\\fR(5).",
                ".TP", "\\fI./out\\fR",
                "The default WORKDIR of \\fBbuild\\fR.", "")));
        return m;
    }
}
