package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code up}: the whole site into libvirt. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Apply the whole site in dependency order: networks (as 'net register'), storage pools,",
            "volumes, guests defined; guests installed by 'import' or 'none' started.",
            "A second 'up' changes nothing and says so."})
public final class UpCommand implements Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;

    @Option(names = "--force", description = "Redefine and restart networks that differ beyond DHCP/DNS hosts.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        libvirt.preload();
        Site s = site.load();
        return libvirt.apply(force, spec, applier -> applier.up(s));
    }
}
