package org.miniascape.image;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a file has data, by lseek(SEEK_DATA/SEEK_HOLE), which plain Java does not offer: libc through JNA. On a
 * filesystem without it the kernel reports the whole file as data, and the zero-block scan of
 * {@link SparseCopy} still finds the holes — slower, same result.
 */
final class DataExtents {
    private static final int O_RDONLY = 0;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    private static final int ENXIO = 6;
    private static final int EINVAL = 22;

    /** A range [start, end) that holds data (or may: holes are only guaranteed to read as zeros). */
    record Extent(long start, long end) {
    }

    interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        long lseek(int fd, long offset, int whence) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final LibC LIBC = load();

    private DataExtents() {
    }

    private static LibC load() {
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            return null; // no libc to bind (not Linux): every file is one data extent
        }
    }

    static List<Extent> of(Path file, long size) {
        if (LIBC == null || size == 0) {
            return size == 0 ? List.of() : List.of(new Extent(0, size));
        }
        int fd = LIBC.open(file.toString(), O_RDONLY);
        try {
            List<Extent> extents = new ArrayList<>();
            long pos = 0;
            while (pos < size) {
                long data;
                try {
                    data = LIBC.lseek(fd, pos, SEEK_DATA);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == ENXIO) {
                        break; // only a hole after pos
                    }
                    if (e.getErrorCode() == EINVAL) {
                        return List.of(new Extent(0, size)); // SEEK_DATA not supported here
                    }
                    throw e;
                }
                long hole = Math.min(LIBC.lseek(fd, data, SEEK_HOLE), size);
                if (hole > data) {
                    extents.add(new Extent(data, hole));
                }
                pos = hole;
            }
            return extents;
        } finally {
            LIBC.close(fd);
        }
    }
}
