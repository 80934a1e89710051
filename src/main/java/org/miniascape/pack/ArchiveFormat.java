package org.miniascape.pack;

import java.nio.file.Path;
import java.util.Optional;

/** The archive formats a bundle can be written as. */
public enum ArchiveFormat {
    TAR_GZ("tar.gz"),
    TAR_XZ("tar.xz");

    private final String suffix;

    ArchiveFormat(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    public static ArchiveFormat fromSuffix(String s) {
        for (ArchiveFormat f : values()) {
            if (f.suffix.equals(s)) {
                return f;
            }
        }
        throw org.miniascape.MiniascapeException.badInput("unknown archive format '" + s + "' (tar.gz or tar.xz)");
    }

    /** The format of an archive file, by its name. */
    public static Optional<ArchiveFormat> of(Path file) {
        String name = file.getFileName().toString();
        for (ArchiveFormat f : values()) {
            if (name.endsWith("." + f.suffix)) {
                return Optional.of(f);
            }
        }
        return name.endsWith(".tgz") ? Optional.of(TAR_GZ) : Optional.empty();
    }
}
