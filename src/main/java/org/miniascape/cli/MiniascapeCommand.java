package org.miniascape.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level command; each subcommand is a small class of its own. */
@Command(name = "miniascape",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Describe a libvirt/KVM lab in YAML; generate, apply and pack it.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  an operation failed",
            "  2  bad usage or bad configuration (nothing was changed)",
            "  3  the host is not in the expected state (conflict, running guest, drift)",
            "  4  internal error (a bug in miniascape)",
        })
public final class MiniascapeCommand implements Runnable {

    /**
     * The subcommands, in the order of the help listing. Not in the annotation: picocli would build every
     * command's model by reflection at each start, though a run uses one; {@link Main} registers only the
     * one named on the command line (all of them for help, no subcommand or an unknown name), and so for
     * the subcommands of {@link #NESTED}.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            InitCommand.class,
            ShowCommand.class,
            BuildCommand.class,
            ValidateCommand.class,
            NetCommand.class,
            StorageCommand.class,
            GuestCommand.class,
            StatusCommand.class,
            SshCommand.class,
            ConsoleCommand.class,
            PlanCommand.class,
            UpCommand.class,
            DownCommand.class,
            picocli.CommandLine.HelpCommand.class,
            RepackCommand.class,
            UnpackCommand.class,
            ConvertCommand.class,
            PackCommand.class,
            MigrateCommand.class);

    /** The commands that have subcommands of their own, each listing them (registered the same way). */
    static final Map<Class<?>, List<Class<?>>> NESTED = Map.of(
            NetCommand.class, NetCommand.SUBCOMMANDS,
            StorageCommand.class, StorageCommand.SUBCOMMANDS,
            GuestCommand.class, GuestCommand.SUBCOMMANDS,
            ShowCommand.class, ShowCommand.SUBCOMMANDS);

    @Option(names = "--debug", description = "Print stack traces with errors.", scope = picocli.CommandLine.ScopeType.INHERIT)
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
