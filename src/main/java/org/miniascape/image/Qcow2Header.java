package org.miniascape.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.miniascape.MiniascapeException;

/**
 * Reads what we need from a qcow2 header (QEMU's docs/interop/qcow2.txt): version, virtual size, cluster size,
 * the backing file name and the backing format from the header extensions. Big-endian throughout.
 */
public final class Qcow2Header {
    static final int MAGIC = 0x514649fb; // "QFI\xfb"
    private static final int EXT_END = 0;
    private static final int EXT_BACKING_FORMAT = 0xe2792aca;
    /** QEMU refuses longer backing names, so a larger value means a corrupt header. */
    private static final int MAX_BACKING_NAME = 1023;
    private static final int V2_HEADER_LENGTH = 72;
    /** incompatible_features bit 2: the guest data is in an external data file (QEMU 4.0+). */
    private static final long INCOMPAT_DATA_FILE = 1L << 2;

    private Qcow2Header() {
    }

    /** Reads the header of a file already known to start with the qcow2 magic. */
    static ImageInfo read(Path file, FileChannel ch) throws IOException {
        ByteBuffer h = readAt(ch, 0, 104, file);
        int version = h.getInt(4);
        if (version != 2 && version != 3) {
            throw bad(file, "qcow2 version " + version + " is not supported (only 2 and 3)");
        }
        long backingOffset = h.getLong(8);
        long backingSize = Integer.toUnsignedLong(h.getInt(16)); // uint32
        int clusterBits = h.getInt(20);
        long size = h.getLong(24);
        if (clusterBits < 9 || clusterBits > 21) {
            throw bad(file, "cluster_bits " + clusterBits + " is out of range");
        }
        if (size < 0) {
            throw bad(file, "negative virtual size");
        }
        int headerLength = V2_HEADER_LENGTH;
        if (version == 3) {
            headerLength = h.getInt(100);
            if (headerLength < 104) {
                throw bad(file, "header_length " + headerLength + " is below the version 3 minimum of 104");
            }
            if ((h.getLong(72) & INCOMPAT_DATA_FILE) != 0) {
                // The guest data is in another file that the header only names: copying this file alone
                // would lose all of it.
                throw MiniascapeException.failed(file + ": this qcow2 image keeps its data in an external data file "
                        + "(qemu-img info shows it), which is not supported; make a self-contained copy with: "
                        + "qemu-img convert -O qcow2 " + file + " NEW.qcow2");
            }
        }
        Optional<String> backingName = Optional.empty();
        if (backingOffset != 0 && backingSize > 0) {
            if (backingSize > MAX_BACKING_NAME) {
                throw bad(file, "backing file name length " + backingSize + " exceeds " + MAX_BACKING_NAME);
            }
            backingName = Optional.of(string(readAt(ch, backingOffset, (int) backingSize, file)));
        }
        int clusterSize = 1 << clusterBits;
        Optional<String> backingFormat = backingFormat(file, ch, headerLength, clusterSize);
        return new ImageInfo(file, ImageFormat.QCOW2, size, Optional.of(clusterSize),
                Optional.of(version == 2 ? "0.10" : "1.1"), backingName,
                backingName.isPresent() ? backingFormat : Optional.empty());
    }

    /** Walks the header extensions, which sit between the header and the end of the first cluster. */
    private static Optional<String> backingFormat(Path file, FileChannel ch, int headerLength, int clusterSize)
            throws IOException {
        long pos = headerLength;
        while (pos + 8 <= clusterSize) {
            ByteBuffer ext = readAt(ch, pos, 8, file);
            int type = ext.getInt(0);
            long length = Integer.toUnsignedLong(ext.getInt(4));
            if (type == EXT_END) {
                return Optional.empty();
            }
            if (pos + 8 + length > clusterSize) {
                throw bad(file, "header extension 0x" + Integer.toHexString(type) + " runs past the first cluster");
            }
            if (type == EXT_BACKING_FORMAT) {
                return Optional.of(string(readAt(ch, pos + 8, (int) length, file)));
            }
            pos += 8 + ((length + 7) & ~7L); // extension data is padded to 8 bytes
        }
        return Optional.empty();
    }

    private static ByteBuffer readAt(FileChannel ch, long offset, int length, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, offset + b.position()) < 0) {
                throw bad(file, "the file ends inside the qcow2 header (at byte " + (offset + b.position()) + ")");
            }
        }
        return b.flip();
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static MiniascapeException bad(Path file, String why) {
        return MiniascapeException.failed(file + ": not a valid qcow2 image: " + why);
    }

    /** Opens read-only; for callers outside {@link ImageReader}. */
    static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }
}
