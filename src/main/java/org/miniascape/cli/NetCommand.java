package org.miniascape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code net}: the site's networks in libvirt. */
@Command(name = "net", mixinStandardHelpOptions = true,
        description = "Apply the site's networks to libvirt, remove them, and show their state.")
public final class NetCommand implements Runnable {
    /** Registered by {@link Main}: only the one named on the command line (all of them for help). */
    static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
            NetRegisterCommand.class, NetUpdateCommand.class, NetUnregisterCommand.class, NetListCommand.class,
            NetStatusCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
