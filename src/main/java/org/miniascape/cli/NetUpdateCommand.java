package org.miniascape.cli;

import picocli.CommandLine.Command;

/** {@code net update}: the reconcile of {@code register}, without creating missing networks. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Reconcile the networks already defined, as 'register' does, without creating missing ones.",
            "A missing network is exit 3. Changed DHCP/DNS hosts are applied live: dnsmasq keeps running."})
public final class NetUpdateCommand extends NetReconcileCommand {
    @Override
    boolean createsMissing() {
        return false;
    }
}
