package org.miniascape.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code net}: the site's networks in libvirt. */
@Command(name = "net", mixinStandardHelpOptions = true,
        description = "Apply the site's networks to libvirt, remove them, and show their state.",
        subcommands = {NetRegisterCommand.class, NetUpdateCommand.class, NetUnregisterCommand.class,
            NetListCommand.class, NetStatusCommand.class})
public final class NetCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
