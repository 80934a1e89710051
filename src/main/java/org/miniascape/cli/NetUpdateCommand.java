package org.miniascape.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code net update}: the reconcile of {@code register}, without creating missing networks. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Reconcile the networks already defined, as 'register' does, without creating missing ones.",
            "A missing network is exit 3. Changed DHCP/DNS hosts are applied live: dnsmasq keeps running."})
public final class NetUpdateCommand implements Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;
    @Mixin
    NetworkSelection selection;
    @Mixin
    ApplyOptions apply;

    @Option(names = "--force", description = "Redefine and restart networks that differ beyond DHCP/DNS hosts.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        libvirt.preload();
        return NetRegisterCommand.reconcile(site, selection, libvirt, apply, force, false, spec);
    }
}
