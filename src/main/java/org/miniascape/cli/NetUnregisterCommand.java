package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code net unregister}: destroy if active, then undefine. */
@Command(name = "unregister", mixinStandardHelpOptions = true,
        description = "Destroy (if active) and undefine the networks; an absent network is not an error.")
public final class NetUnregisterCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;
    @Mixin
    NetworkSelection selection;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        libvirt.preload();
        Site s = site.load();
        var names = selection.select(s).stream().map(Network::name).toList();
        site.announce(s, libvirt, spec);
        return libvirt.apply(false, spec, applier -> applier.removeNetworks(names));
    }
}
