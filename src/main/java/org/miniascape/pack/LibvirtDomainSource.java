package org.miniascape.pack;

import java.nio.file.Path;
import java.util.Optional;
import org.miniascape.MiniascapeException;
import org.miniascape.libvirt.DomainStatus;
import org.miniascape.libvirt.Hypervisor;

/** Domains of a libvirt connection: the persistent (inactive) XML, so live-only changes are not packed. */
public final class LibvirtDomainSource implements DomainSource {
    private final Hypervisor hypervisor;

    public LibvirtDomainSource(Hypervisor hypervisor) {
        this.hypervisor = hypervisor;
    }

    @Override
    public Found fetch(String name) {
        DomainStatus status = hypervisor.domain(name).orElseThrow(() -> MiniascapeException.badInput(
                "no domain named '" + name + "' on " + hypervisor.uri()));
        return new Found(hypervisor.domainXml(name, true), status.active(),
                "domain " + name + " on " + hypervisor.uri());
    }

    /** Whether a domain of this name is active on the connection; absent counts as not running. */
    public boolean active(String name) {
        return hypervisor.domain(name).map(DomainStatus::active).orElse(false);
    }

    @Override
    public Optional<Path> volumePath(String pool, String volume) {
        return hypervisor.volume(pool, volume).map(v -> Path.of(v.path()));
    }
}
