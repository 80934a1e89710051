package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code net unregister}: destroy if active, then undefine. */
@Command(name = "unregister", mixinStandardHelpOptions = true,
        description = {"Destroy (if active) and undefine the networks miniascape created for the site.",
            "An absent network is not an error, and one that is not the site's is left as it is."})
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
        var networks = selection.select(s);
        return libvirt.applyPlain(spec, site, s, planner -> planner.down(Planner.Scope.networks(networks, false)));
    }
}
