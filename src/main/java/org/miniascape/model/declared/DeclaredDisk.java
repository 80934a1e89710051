package org.miniascape.model.declared;

import java.util.Objects;
import java.util.Optional;
import org.miniascape.model.Origin;

/**
 * A guest disk as declared: {@code backing} is the {@code backing} the configuration gives the disk itself (a
 * volume of the same pool, or an absolute path), if it gives one. The other components are as in the resolved
 * {@link org.miniascape.model.Disk}.
 */
public record DeclaredDisk(String volume, String pool, long sizeGib, String bus, String format, String cache,
                           boolean shareable, boolean readOnly, Optional<String> backing, Origin origin) {

    public DeclaredDisk {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(backing, "backing");
        Objects.requireNonNull(origin, "origin");
    }

    /** POOL/VOLUME. */
    public String key() {
        return pool + "/" + volume;
    }
}
