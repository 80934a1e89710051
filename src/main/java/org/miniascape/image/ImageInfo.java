package org.miniascape.image;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One image of a chain as its header describes it. {@code backingName} is the name exactly as written in the
 * header (relative or absolute), {@code backingFormat} the format the header declares for it, if any;
 * {@code compat} is qcow2's "0.10" (version 2) or "1.1" (version 3), empty for raw.
 */
public record ImageInfo(Path path, ImageFormat format, long virtualSize, Optional<Integer> clusterSize,
                        Optional<String> compat, Optional<String> backingName, Optional<String> backingFormat) {

    public boolean hasBacking() {
        return backingName.isPresent();
    }

    /**
     * The backing file, relative names taken against this image's directory (as QEMU does). QEMU leaves ".." to
     * the kernel, which resolves it after following symlinks, so the directory's real path is what ".." climbs
     * from; a textual normalize would go elsewhere when the directory is a symlink.
     */
    public Optional<Path> backingPath() {
        return backingName.map(name -> {
            Path p = Path.of(name);
            return p.isAbsolute() ? p : realDirectory().resolve(p).normalize();
        });
    }

    private Path realDirectory() {
        Path parent = path.toAbsolutePath().getParent();
        try {
            return parent.toRealPath();
        } catch (java.io.IOException e) {
            return parent; // gone since it was read: the lookup of the backing file will say so
        }
    }
}
