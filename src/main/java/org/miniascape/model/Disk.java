package org.miniascape.model;

import java.util.Optional;

/**
 * A guest disk: a volume of a storage pool. {@code volume} is the volume's name in the pool (derived as
 * GUEST-diskN.FORMAT when not given); {@code declaredBacking} is the {@code backing} the configuration gives the
 * disk itself (a volume of the same pool, or an absolute path), as site.json and the checks of the configuration
 * text see it. {@code backing} is the image the disk is an overlay of as the resolver completes it: the declared
 * backing or, for an image-based install's first disk without one, {@code install.image}. It is empty before
 * resolution and, after it, only for a disk that is no overlay.
 */
public record Disk(String volume, String pool, long sizeGib, String bus, String format, String cache,
                   Optional<String> declaredBacking, Optional<Backing> backing, Origin origin) {

    public Disk withBacking(Optional<Backing> resolved) {
        return new Disk(volume, pool, sizeGib, bus, format, cache, declaredBacking, resolved, origin);
    }
}
