package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The summary of each command (the first line of its description, listed by its parent's help) is one sentence. */
class HelpSummaryTest {

    private static void collect(CommandLine cli, List<CommandLine> out) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            out.add(sub);
            collect(sub, out);
        }
    }

    @Test
    void everyCommandsFirstDescriptionLineIsAWholeSentence() {
        CommandLine whole = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<CommandLine> commands = new ArrayList<>(List.of(whole));
        collect(whole, commands);
        assertThat(commands).hasSizeGreaterThan(20);
        List<String> cut = new ArrayList<>();
        for (CommandLine c : commands) {
            // As picocli's command list: the header's first line when there is one (help has), else the description's.
            String[] header = c.getCommandSpec().usageMessage().header();
            String[] lines = header.length > 0 ? header : c.getCommandSpec().usageMessage().description();
            String first = lines.length == 0 ? "" : lines[0].strip();
            // One sentence: no full stop followed by the capital of a next one before the end.
            if (!first.endsWith(".") || !Character.isUpperCase(first.charAt(0))
                    || first.substring(0, first.length() - 1).matches(".*\\. [A-Z].*")) {
                cut.add(c.getCommandSpec().qualifiedName() + ": " + first);
            }
        }
        assertThat(cut).as("summaries that are not one whole sentence").isEmpty();
        assertThat(whole.getUsageMessage()).contains("Remove what miniascape created for the site, in reverse order.");
    }
}
