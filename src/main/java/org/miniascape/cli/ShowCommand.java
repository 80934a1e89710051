package org.miniascape.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.miniascape.MiniascapeException;
import org.miniascape.config.ConfigSources;
import org.miniascape.render.Templates;
import org.miniascape.validate.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code show}: what the jar holds, printed as it is, so that a user can copy it without the source tree: the
 * embedded default site and the templates (a copy in a directory given to {@code build -t} overrides one).
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Print the embedded default site or an embedded template, to copy and edit.",
            "A template copied into a directory, at its relative path, overrides the embedded one for 'build -t DIR'."},
        footerHeading = "%nExamples:%n",
        footer = {"  miniascape show default-site > miniascape.yml",
            "  miniascape show templates",
            "  mkdir -p tpl/guest",
            "  miniascape show template guest/ks.cfg.j2 > tpl/guest/ks.cfg.j2",
            "  miniascape build -t tpl"})
public final class ShowCommand implements Runnable {
    /** Registered by {@link Main}: only the one named on the command line (all of them for help). */
    static final List<Class<?>> SUBCOMMANDS = List.of(DefaultSite.class, TemplateList.class, Template.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "default-site", mixinStandardHelpOptions = true,
            description = {"Print the embedded default site: what build and validate use without -C or a site of"
                + " their own.",
                "The text is the jar's, byte for byte, comments included."})
    static final class DefaultSite implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(ConfigSources.embedded().text());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "templates", mixinStandardHelpOptions = true,
            description = {"List the embedded templates, one relative path a line.",
                "A file of the same relative path in a directory given to 'build -t' overrides the embedded one."})
    static final class TemplateList implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Templates.embeddedNames().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "template", mixinStandardHelpOptions = true,
            description = {"Print one embedded template, as the jar holds it.",
                "PATH is its relative path, as 'show templates' lists it (e.g. guest/ks.cfg.j2); an unknown PATH is"
                    + " exit 2."})
    static final class Template implements Callable<Integer> {
        @Parameters(paramLabel = "PATH", description = "The template's relative path, e.g. guest/ks.cfg.j2.")
        String path;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            String text = Templates.embeddedText(path).orElseThrow(() -> MiniascapeException.badInput(
                    "no embedded template '" + path + "'" + suggestion(path, Templates.embeddedNames())
                    + "; 'miniascape show templates' lists them"));
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }

        /**
         * " (did you mean 'x'?)": the closest name by edit distance, else the one name whose file name starts with
         * the given one's ({@code ks.cfg} → {@code guest/ks.cfg.j2}); "" when there is no single candidate.
         */
        static String suggestion(String path, List<String> names) {
            String close = Suggestions.didYouMean(path, names);
            if (!close.isEmpty()) {
                return close;
            }
            String file = path.substring(path.lastIndexOf('/') + 1);
            List<String> starting = file.isEmpty() ? List.of() : names.stream()
                    .filter(n -> n.substring(n.lastIndexOf('/') + 1).startsWith(file)).toList();
            return starting.size() == 1 ? " (did you mean '" + starting.get(0) + "'?)" : "";
        }
    }
}
