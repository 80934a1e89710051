package org.miniascape.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        return run(out, err, Environment.process(), args);
    }

    /**
     * As {@link #run(PrintWriter, PrintWriter, String...)}, with these environment variables and working
     * directory instead of the process's (for tests).
     */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> variables, Path workingDirectory,
                          String... args) {
        return run(out, err, new Environment(variables, workingDirectory), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, in the environment given (tests give their own). */
    static int run(PrintWriter out, PrintWriter err, Environment environment, String... args) {
        CommandLine cli = commandLine(out, err, environment, args);
        boolean debug = Arrays.asList(args).contains("--debug");
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            jsonFailure(commandLine, ex);
            return report(ex, err, debug);
        });
        cli.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException
                ? ExitCode.USAGE_OR_CONFIG : ExitCode.INTERNAL);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            CommandLine.ParseResult parsed = cli.getParseResult();
            while (parsed != null && parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            if (parsed != null) {
                jsonFailure(parsed.commandSpec().commandLine(), MiniascapeException.failed("out of memory"));
            }
            // picocli passes errors through; the output written so far was removed on the way out (try-with-
            // resources), so this is a failed operation with nothing left half-done, not a crash.
            err.println("miniascape: error: out of memory (the heap may grow to " + Runtime.getRuntime().maxMemory()
                    / (1024 * 1024) + " MB); for a very large site set MINIASCAPE_HEAP, e.g. MINIASCAPE_HEAP=1g");
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.FAILED;
        }
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err, Environment.process(), args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err, Environment environment, String... args) {
        CommandLine cli = new CommandLine(new MiniascapeCommand(), environment);
        // Before the settings below: they reach the subcommands registered at that time.
        addSubcommands(cli, MiniascapeCommand.SUBCOMMANDS, args, 0, environment);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Usage errors are exit 2, like bad config.
        cli.setParameterExceptionHandler((ex, unused) -> {
            CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
            if (PlanReport.json(spec, args)) {
                out.println(PlanReport.failure(PlanReport.command(spec), MiniascapeException.badInput(ex.getMessage())));
                out.flush();
            }
            err.println("miniascape: error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
            return ExitCode.USAGE_OR_CONFIG;
        });
        return cli;
    }

    /**
     * Registers the subcommand the arguments name from {@code from} on (its model alone is built: building every
     * command's model by reflection was about a fifth of a {@code build}'s start), and below it the one its
     * next argument names (net, guest, storage); every subcommand of a level when the arguments name none or an
     * unknown one, ask for help or read an {@code @file}: usage, suggestions and errors then stay the same.
     */
    static void addSubcommands(CommandLine parent, List<Class<?>> subcommands, String[] args, int from,
                               Environment environment) {
        int at = named(subcommands, args, from);
        for (Class<?> sub : at < 0 ? subcommands : List.of(named(subcommands, args[at]))) {
            CommandLine child = new CommandLine(sub, environment);
            List<Class<?>> nested = MiniascapeCommand.NESTED.get(sub);
            if (nested != null) {
                addSubcommands(child, nested, args, at < 0 ? args.length : at + 1, environment);
            }
            parent.addSubcommand(child);
        }
    }

    /** The index of the argument that names one of the subcommands, or -1. */
    private static int named(List<Class<?>> subcommands, String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@")) {
                return -1;
            }
            if (arg.startsWith("-")) {
                continue; // the options of miniascape, net, guest and storage take no value
            }
            return named(subcommands, arg) == null ? -1 : i;
        }
        return -1;
    }

    private static Class<?> named(List<Class<?>> subcommands, String arg) {
        for (Class<?> sub : subcommands) {
            CommandLine.Command c = sub.getAnnotation(CommandLine.Command.class);
            if (sub != CommandLine.HelpCommand.class
                    && (c.name().equals(arg) || Arrays.asList(c.aliases()).contains(arg))) {
                return sub;
            }
        }
        return null;
    }

    /**
     * What the commands read from the process around them: its environment variables and its working directory.
     * As picocli's factory it hands them to the options that read them ({@link HostSiteOptions}, {@link SiteOptions},
     * {@link ConnectOption}), to the commands that resolve relative paths ({@link InitCommand}, {@link
     * BuildCommand}, which also looks for dot on PATH) and to {@link SshCommand} (its cache directory), so that
     * nothing reads {@code System.getenv} behind the caller's back.
     */
    record Environment(Map<String, String> variables, Path workingDirectory) implements CommandLine.IFactory {
        Environment {
            variables = Map.copyOf(variables);
        }

        /** This process's: System.getenv() and "." (so that the files found are shown as ./miniascape.yml). */
        static Environment process() {
            return new Environment(System.getenv(), Path.of("."));
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == HostSiteOptions.class) {
                return cls.cast(new HostSiteOptions(variables, workingDirectory));
            }
            if (cls == SiteOptions.class) {
                return cls.cast(new SiteOptions(variables, workingDirectory));
            }
            if (cls == InitCommand.class) {
                return cls.cast(new InitCommand(workingDirectory));
            }
            if (cls == BuildCommand.class) {
                return cls.cast(new BuildCommand(workingDirectory, variables));
            }
            if (cls == SshCommand.class) {
                return cls.cast(new SshCommand(variables));
            }
            if (cls == ConnectOption.class) {
                return cls.cast(new ConnectOption(variables));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /**
     * With --output json, stdout holds one document whatever happens: a command that fails prints nothing there
     * itself, and this prints the envelope of its failure (the message also goes to stderr).
     */
    private static void jsonFailure(CommandLine commandLine, Throwable ex) {
        if (PlanReport.json(commandLine.getCommandSpec())) {
            commandLine.getOut().println(PlanReport.failure(PlanReport.command(commandLine.getCommandSpec()), ex));
            commandLine.getOut().flush();
        }
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
