package org.miniascape.model;

import java.util.Optional;

/**
 * A guest disk: a volume of a storage pool. {@code volume} is the volume's name in the pool (derived as
 * GUEST-diskN.FORMAT when not given); {@code declaredBacking} is the {@code backing} the configuration gives the
 * disk itself (a volume of the same pool, or an absolute path), as site.json and the checks of the configuration
 * text see it. {@code backing} is the image the disk is an overlay of as the resolver completes it: the declared
 * backing or, for an image-based install's first disk without one, {@code install.image}; empty only for a disk
 * that is no overlay. {@code shareable}: the volume may be attached to
 * several guests at once, written by all ({@code <shareable/>}: a raw image, host cache off); {@code readOnly}:
 * the guest only reads it ({@code <readonly/>}). A volume used by several guests is created once, and must be
 * one or the other on every user.
 */
public record Disk(String volume, String pool, long sizeGib, String bus, String format, String cache,
                   boolean shareable, boolean readOnly, Optional<String> declaredBacking, Optional<Backing> backing,
                   Origin origin) {

    /** A disk only this guest uses, read and written. */
    public Disk(String volume, String pool, long sizeGib, String bus, String format, String cache,
                Optional<String> declaredBacking, Optional<Backing> backing, Origin origin) {
        this(volume, pool, sizeGib, bus, format, cache, false, false, declaredBacking, backing, origin);
    }

    public Disk withBacking(Optional<Backing> resolved) {
        return new Disk(volume, pool, sizeGib, bus, format, cache, shareable, readOnly, declaredBacking, resolved,
                origin);
    }

    /** The volume's key in the site: POOL/VOLUME. */
    public String key() {
        return pool + "/" + volume;
    }
}
