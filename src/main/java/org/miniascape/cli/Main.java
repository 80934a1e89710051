package org.miniascape.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.miniascape.MiniascapeException;
import picocli.CommandLine;

/** Entry point. The only place where exceptions become exit codes. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        try {
            return run(o, e, args);
        } finally {
            o.flush();
            e.flush();
        }
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(out, err, args);
        boolean debug = Arrays.asList(args).contains("--debug");
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(ex, err, debug));
        cli.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException
                ? ExitCode.USAGE_OR_CONFIG : ExitCode.INTERNAL);
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new MiniascapeCommand());
        // Before the settings below: they reach the subcommands registered at that time.
        for (Class<?> sub : subcommandsFor(args)) {
            cli.addSubcommand(sub);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Usage errors are exit 2, like bad config.
        cli.setParameterExceptionHandler((ex, unused) -> {
            err.println("miniascape: error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            return ExitCode.USAGE_OR_CONFIG;
        });
        return cli;
    }

    /**
     * The subcommand the arguments name (its model alone is built: building all of them by reflection was
     * about a fifth of a {@code build}'s start), or every subcommand when the arguments name none or an
     * unknown one, ask for help or read an {@code @file}: usage, suggestions and errors then stay the same.
     */
    static List<Class<?>> subcommandsFor(String... args) {
        for (String arg : args) {
            if (arg.startsWith("@")) {
                break;
            }
            if (arg.startsWith("-")) {
                continue; // the top-level options take no value
            }
            for (Class<?> sub : MiniascapeCommand.SUBCOMMANDS) {
                CommandLine.Command c = sub.getAnnotation(CommandLine.Command.class);
                if (sub != CommandLine.HelpCommand.class
                        && (c.name().equals(arg) || Arrays.asList(c.aliases()).contains(arg))) {
                    return List.of(sub);
                }
            }
            break;
        }
        return MiniascapeCommand.SUBCOMMANDS;
    }

    private static int report(Exception ex, PrintWriter err, boolean debug) {
        if (ex instanceof MiniascapeException me) {
            String message = me.getMessage();
            // Multi-line reports (validation problems) are already formatted line by line.
            err.println(message.contains("\n") || message.startsWith("miniascape:") ? message
                    : "miniascape: error: " + message);
            if (debug) {
                ex.printStackTrace(err);
            }
            return me.exitCode();
        }
        err.println("miniascape: internal error: " + ex);
        err.println("This is a bug in miniascape; please report it with the output of --debug.");
        if (debug) {
            ex.printStackTrace(err);
        }
        return ExitCode.INTERNAL;
    }
}
