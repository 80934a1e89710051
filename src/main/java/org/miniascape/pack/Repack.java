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
        for (DomainDocument.DiskRef disk : domain.disks()) {
            if (disk.type().equals("file") && disk.device().equals("disk") && disk.source().isPresent()) {
                refuseInUse(java.nio.file.Path.of(disk.source().get()), domain.name());
            }
        }
        return bundler.bundle(domain, options);
    }

    /**
     * A domain XML file cannot say whether its guest runs, and a guest may run under another URI: the lock QEMU
     * holds on bytes 100-299 of every image it has open (OFD locks, which conflict with ours) says it. Only the
     * disk's own image is tested: a shared base is legitimately open read-only by other running guests. Where
     * the image cannot be opened for the test (permissions), the copy goes ahead as before.
     */
    private static void refuseInUse(java.nio.file.Path image, String name) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(image,
                java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock lock = ch.tryLock(100, 200, false);
            if (lock == null) {
                throw MiniascapeException.hostState(image + " is in use by another process (QEMU holds its lock): "
                        + "is guest '" + name + "' running, maybe under another libvirt URI? Its image would be "
                        + "copied while it writes to it; shut it down first");
            }
            lock.release();
        } catch (java.io.IOException e) {
            // not testable here; the bundler reports an unreadable image itself
        }
    }
}
