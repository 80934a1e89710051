package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Main registers only the subcommands a command line names; what a user sees must not change. */
class LazySubcommandsTest {

    /** Every command path of the whole tree, e.g. [net, update]. */
    private static List<List<String>> paths(CommandLine cli, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(e.getKey());
            out.add(path);
            out.addAll(paths(e.getValue(), path));
        }
        return out;
    }

    private static CommandLine tree(String... args) {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return code + "\n" + out + "\n" + err;
    }

    @Test
    void namedSubcommandAloneIsBuilt() {
        CommandLine cli = tree("--debug", "net", "update", "--all");
        assertThat(cli.getSubcommands()).containsOnlyKeys("net");
        assertThat(cli.getSubcommands().get("net").getSubcommands()).containsOnlyKeys("update");
        assertThat(tree("build", "-w", "x").getSubcommands()).containsOnlyKeys("build");
        assertThat(tree("net").getSubcommands().get("net").getSubcommands())
                .containsOnlyKeys("register", "update", "unregister", "list", "status");
    }

    @Test
    void everyUsageIsTheUsageOfTheWholeTree() {
        CommandLine whole = tree("help");
        List<List<String>> paths = paths(whole, List.of());
        assertThat(paths).hasSizeGreaterThan(20);
        for (List<String> path : paths) {
            CommandLine full = whole;
            for (String name : path) {
                full = full.getSubcommands().get(name);
            }
            CommandLine lazy = tree(path.toArray(String[]::new));
            for (String name : path) {
                lazy = lazy.getSubcommands().get(name);
            }
            assertThat(lazy.getUsageMessage()).as(String.join(" ", path)).isEqualTo(full.getUsageMessage());
        }
        assertThat(tree().getUsageMessage()).isEqualTo(whole.getUsageMessage());
    }

    @Test
    void typosAndHelpGetTheWholeLevel() {
        assertThat(run("net", "regster")).startsWith("2\n").contains("register");
        assertThat(run("bild")).startsWith("2\n").contains("Did you mean: miniascape build?");
        assertThat(run("help", "guest")).startsWith("0\n").contains("Usage: miniascape guest [").contains("install");
    }
}
