package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code down}: the site out of libvirt. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Remove the site from libvirt in reverse order: guests (powered off, undefined), their volumes,",
            "storage pools (kept while they hold volumes that are not the site's), networks.",
            "Objects that are not the site's are never touched."})
public final class DownCommand implements Callable<Integer> {
    @Mixin
    HostSiteOptions site;
    @Mixin
    LibvirtOptions libvirt;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        libvirt.preload();
        Site s = site.load();
        return libvirt.apply(false, spec, applier -> applier.down(s));
    }
}
