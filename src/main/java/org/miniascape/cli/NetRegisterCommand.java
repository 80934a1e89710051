package org.miniascape.cli;

import picocli.CommandLine.Command;

/** {@code net register}: define, autostart and start; reconcile what is there. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Define, autostart and start the networks, and reconcile those already defined.",
            "Same definition: nothing to do; only DHCP/DNS hosts differ: updated live (no restart);",
            "anything else differs: the diff is printed and the exit code is 3, unless --force."})
public final class NetRegisterCommand extends NetReconcileCommand {
    @Override
    boolean createsMissing() {
        return true;
    }
}
