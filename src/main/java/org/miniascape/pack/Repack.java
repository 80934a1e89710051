package org.miniascape.pack;

import org.miniascape.MiniascapeException;

/**
 * repack: a defined guest into a bundle. Refuses a running guest (its images would be copied mid-write), turns
 * pool volumes into their files, then hands over to the {@link Bundler}.
 */
public final class Repack {
    private final DomainSource source;
    private final Bundler bundler;

    public Repack(DomainSource source, Bundler bundler) {
        this.source = source;
        this.bundler = bundler;
    }

    public Bundler.Result run(String nameOrFile, Bundler.Options options) {
        DomainSource.Found found = source.fetch(nameOrFile);
        DomainDocument domain = DomainDocument.parse(found.xml(), found.origin());
        if (found.active()) {
            throw MiniascapeException.hostState("domain '" + domain.name() + "' is running: its images would be "
                    + "copied while it writes to them; shut it down first (virsh shutdown " + domain.name() + ")");
        }
        for (DomainDocument.DiskRef disk : domain.disks()) {
            if (disk.type().equals("volume")) {
                String[] pv = DomainDocument.volume(disk).orElseThrow();
                disk.setFile(source.volumePath(pv[0], pv[1]).orElseThrow(() -> MiniascapeException.badInput(
                        "disk " + disk.target() + " is the volume '" + pv[1] + "' of pool '" + pv[0] + "', which "
                                + "cannot be found" + (source instanceof XmlFileDomainSource
                                ? " without a libvirt connection (--connect)" : "")))
                        .toString());
            }
        }
        return bundler.bundle(domain, options);
    }
}
