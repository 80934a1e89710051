package org.miniascape.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages in roff (the man macros) from picocli's model of the commands: a page per command, named by its
 * path ({@code miniascape-net-register(1)}), with the name and summary, the synopsis, the description, the
 * options, the arguments, the subcommands, the footer (exit codes) and the related pages. Used at build time
 * by {@link Docs}, never when the tool runs.
 */
final class ManPages {
    static final String SITE_PAGE = "miniascape-site";

    private ManPages() {
    }

    /** The page's name: the command's qualified name with '-' for ' ' ({@code miniascape-net-register}). */
    static String name(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    /** The summary: the header's first line when there is one, else the description's (as picocli's list). */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] lines = header.length > 0 ? header : spec.usageMessage().description();
        return lines.length == 0 ? "" : text(lines[0]).strip();
    }

    /** Every command below {@code cli} and itself, parents first, each once (aliases are not pages). */
    static List<CommandLine> commands(CommandLine cli) {
        List<CommandLine> out = new ArrayList<>();
        out.add(cli);
        for (CommandLine sub : distinct(cli)) {
            out.addAll(commands(sub));
        }
        return out;
    }

    private static List<CommandLine> distinct(CommandLine cli) {
        return cli.getSubcommands().values().stream().distinct().collect(Collectors.toList());
    }

    /** The page of one command; {@code version} goes into its title line. */
    static String page(CommandLine cli, String version, Map<String, String> extraSections) {
        CommandSpec spec = cli.getCommandSpec();
        StringBuilder r = new StringBuilder();
        String name = name(spec);
        r.append(".TH \"").append(escape(name.toUpperCase(java.util.Locale.ROOT))).append("\" \"1\" \"\" \"miniascape ")
                .append(escape(version)).append("\" \"miniascape Manual\"\n");
        r.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(stripPeriod(summary(spec)))).append('\n');

        r.append(".SH SYNOPSIS\n.ad l\n");
        // Without colours whatever the terminal of the build: picocli's AUTO would add escape sequences to a tty.
        String synopsis = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .synopsis(0).strip().replaceAll("\\s+", " ");
        String qualified = spec.qualifiedName();
        if (synopsis.startsWith(qualified)) {
            synopsis = synopsis.substring(qualified.length()).strip();
        }
        r.append(line("\\fB" + escape(qualified) + "\\fR " + escape(synopsis))).append(".ad\n");

        List<String> description = paragraphs(spec.usageMessage().description());
        if (!description.isEmpty()) {
            r.append(".SH DESCRIPTION\n");
            for (int i = 0; i < description.size(); i++) {
                if (i > 0) {
                    r.append(".PP\n");
                }
                r.append(line(escape(description.get(i))));
            }
        }

        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.hidden()) {
                options.add(o);
            }
        }
        if (spec.usageMessage().sortOptions()) {
            options.sort(Comparator.comparing((OptionSpec o) -> o.shortestName().replaceFirst("^-+", ""),
                    String.CASE_INSENSITIVE_ORDER));
        }
        if (!options.isEmpty()) {
            r.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                String names = Arrays.stream(o.names()).map(n -> "\\fB" + escape(n) + "\\fR")
                        .collect(Collectors.joining(", "));
                boolean takesValue = o.typeInfo().isMultiValue() || o.arity().max() > 0;
                String label = takesValue ? "=\\fI" + escape(o.paramLabel()) + "\\fR" : "";
                r.append(".TP\n").append(line(names + label)).append(line(escape(argDescription(o.description(),
                        o.defaultValueString(), o.completionCandidates()))));
            }
        }

        List<PositionalParamSpec> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                positionals.add(p);
            }
        }
        if (!positionals.isEmpty()) {
            r.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : positionals) {
                String label = p.paramLabel() + (p.arity().max() > 1 ? "..." : "");
                r.append(".TP\n").append(line("\\fI" + escape(label) + "\\fR")).append(line(escape(argDescription(
                        p.description(), p.defaultValueString(), p.completionCandidates()))));
            }
        }

        List<CommandLine> subs = distinct(cli);
        if (!subs.isEmpty()) {
            r.append(".SH COMMANDS\n");
            for (CommandLine sub : subs) {
                CommandSpec s = sub.getCommandSpec();
                r.append(".TP\n").append(line("\\fB" + escape(s.name()) + "\\fR"))
                        .append(line(escape(summary(s)) + " See \\fB\\%" + escape(name(s)) + "\\fR(1)."));
            }
        }

        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            String heading = text(spec.usageMessage().footerHeading()).strip().replaceFirst(":$", "");
            r.append(".SH \"").append(escape(heading.equalsIgnoreCase("Exit codes") ? "EXIT STATUS"
                    : heading.toUpperCase(java.util.Locale.ROOT))).append("\"\n");
            for (String f : footer) {
                String t = text(f).strip();
                // "  2  what it means": the code as a tagged paragraph.
                String[] codeAndMeaning = t.split("\\s{2,}", 2);
                if (codeAndMeaning.length == 2 && codeAndMeaning[0].matches("\\d+")) {
                    r.append(".TP\n").append(line("\\fB" + codeAndMeaning[0] + "\\fR"))
                            .append(line(escape(codeAndMeaning[1])));
                } else {
                    r.append(".PP\n").append(line(escape(t)));
                }
            }
        }

        for (Map.Entry<String, String> e : extraSections.entrySet()) {
            r.append(".SH ").append(e.getKey()).append('\n').append(e.getValue());
            if (!e.getValue().endsWith("\n")) {
                r.append('\n');
            }
        }

        List<String> seeAlso = new ArrayList<>();
        if (cli.getParent() != null) {
            seeAlso.add(name(cli.getParent().getCommandSpec()) + "(1)");
            if (cli.getParent().getParent() != null) {
                seeAlso.add(0, name(cli.getParent().getParent().getCommandSpec()) + "(1)");
            }
        }
        for (CommandLine sub : subs) {
            seeAlso.add(name(sub.getCommandSpec()) + "(1)");
        }
        seeAlso.add(SITE_PAGE + "(5)");
        seeAlso.add("virsh(1)");
        r.append(".SH \"SEE ALSO\"\n").append(seeAlso.stream()
                .map(s -> "\\fB\\%" + escape(s.substring(0, s.indexOf('('))) + "\\fR" + s.substring(s.indexOf('(')))
                .collect(Collectors.joining(",\n"))).append('\n');
        return r.toString();
    }

    /** An option's or argument's description: its lines as one text, with picocli's variables filled in. */
    private static String argDescription(String[] lines, String defaultValue, Iterable<String> candidates) {
        String candidateList = "";
        if (candidates != null) {
            List<String> all = new ArrayList<>();
            candidates.forEach(all::add);
            candidateList = String.join(", ", all);
        }
        String joined = String.join(" ", paragraphs(lines));
        return joined.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue)
                .replace("${COMPLETION-CANDIDATES}", candidateList);
    }

    /**
     * Description lines as paragraphs: picocli's lines are wrapped by hand, so consecutive lines are one
     * paragraph; an empty line (or %n) starts the next.
     */
    static List<String> paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            for (String part : raw.split("%n", -1)) {
                String t = text(part).strip();
                if (t.isEmpty()) {
                    if (current.length() > 0) {
                        out.add(current.toString());
                        current.setLength(0);
                    }
                    continue;
                }
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(t);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    /** A help text with picocli's format escapes undone: %n is a line break, %% a percent sign. */
    private static String text(String s) {
        return s.replace("%n", "\n").replace("%%", "%");
    }

    private static String stripPeriod(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Text for roff: backslashes and minus signs escaped. */
    static String escape(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }

    /** One input line; a line that would start with a control character ('.' or ''') is guarded. */
    private static String line(String s) {
        return (s.startsWith(".") || s.startsWith("'") ? "\\&" : "") + s + "\n";
    }
}
