package org.miniascape.model;

import java.util.Optional;

/**
 * A guest disk: a volume of a storage pool. {@code volume} is the volume's name in the pool (derived as
 * GUEST-diskN.FORMAT when not given); {@code backing} names a volume of the same pool it is an overlay of.
 */
public record Disk(String volume, String pool, long sizeGib, String bus, String format, String cache,
                   Optional<String> backing, Origin origin) {
}
