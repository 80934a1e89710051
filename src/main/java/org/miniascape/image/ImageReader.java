package org.miniascape.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.miniascape.MiniascapeException;

/**
 * Reads image headers and whole backing chains without qemu-img. Formats other than qcow2 and raw are
 * recognised by their magic only so the error can name them (a VMDK is not silently taken for raw).
 */
public final class ImageReader {

    /** Reads one image, probing its format. */
    public ImageInfo read(Path file) {
        return read(file, Optional.empty());
    }

    /**
     * Reads one image. A declared format (from a domain XML or a backing-format extension) is trusted for raw —
     * probing a raw image is what QEMU warns against — but a declared qcow2 must carry the qcow2 magic.
     */
    public ImageInfo read(Path file, Optional<String> declaredFormat) {
        if (!Files.exists(file)) {
            throw MiniascapeException.failed(file + ": no such image file");
        }
        if (!Files.isRegularFile(file)) {
            throw MiniascapeException.failed(file + ": not a regular file (block devices and directories are not "
                    + "supported)");
        }
        try (FileChannel ch = Qcow2Header.open(file)) {
            ByteBuffer head = ByteBuffer.allocate(512);
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // fill as much of the first sector as the file has
            }
            head.flip();
            boolean qcow2 = head.remaining() >= 4 && head.getInt(0) == Qcow2Header.MAGIC;
            String declared = declaredFormat.orElse("");
            if (declared.equals("raw")) {
                return raw(file, ch);
            }
            if (!declared.isEmpty() && !declared.equals("qcow2")) {
                throw MiniascapeException.failed(file + ": format '" + declared + "' is not supported (qcow2 and raw "
                        + "are; convert it with qemu-img convert -O qcow2)");
            }
            if (qcow2) {
                return Qcow2Header.read(file, ch);
            }
            if (declared.equals("qcow2")) {
                throw MiniascapeException.failed(file + ": declared as qcow2 but has no qcow2 header");
            }
            Optional<String> other = otherFormat(head);
            if (other.isPresent()) {
                throw MiniascapeException.failed(file + ": this is a " + other.get() + " image, which is not supported "
                        + "here (qcow2 and raw are; convert it with qemu-img convert -O qcow2)");
            }
            return raw(file, ch);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ImageInfo raw(Path file, FileChannel ch) throws IOException {
        return new ImageInfo(file, ImageFormat.RAW, ch.size(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static Optional<String> otherFormat(ByteBuffer head) {
        String start = new String(head.array(), 0, Math.min(head.limit(), 64), StandardCharsets.ISO_8859_1);
        if (start.startsWith("KDMV") || start.startsWith("# Disk DescriptorFile")) {
            return Optional.of("VMDK");
        }
        if (start.startsWith("QED\0")) {
            return Optional.of("QED");
        }
        if (start.startsWith("vhdxfile")) {
            return Optional.of("VHDX");
        }
        if (start.startsWith("conectix")) {
            return Optional.of("VHD");
        }
        if (start.startsWith("<<< ") && start.contains("VirtualBox Disk Image")) {
            return Optional.of("VDI");
        }
        if (start.startsWith("LUKS\u00ba\u00be")) {
            return Optional.of("LUKS");
        }
        return Optional.empty();
    }

    /**
     * The whole chain, the top image first and the base last. Relative backing names are resolved against the
     * directory of the image naming them. A missing backing file or a loop is an error that shows the chain.
     */
    public List<ImageInfo> chain(Path top, Optional<String> topFormat) {
        List<ImageInfo> chain = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Path current = top.toAbsolutePath().normalize();
        Optional<String> format = topFormat;
        while (true) {
            ImageInfo info = read(current, format);
            Path real = realPath(current, chain);
            if (!seen.add(real)) {
                throw MiniascapeException.failed("backing chain loops: " + describe(chain) + " -> " + current
                        + " (already in the chain)");
            }
            chain.add(info);
            if (!info.hasBacking()) {
                return List.copyOf(chain);
            }
            String name = info.backingName().orElseThrow();
            if (name.startsWith("json:") || name.matches("^[a-z+]+://.*")) {
                throw MiniascapeException.failed(current + ": backing file '" + name + "' is not a local file; "
                        + "only local files can be bundled");
            }
            Path next = info.backingPath().orElseThrow();
            if (!Files.exists(next)) {
                throw MiniascapeException.failed(current + ": backing file '" + name + "' not found (looked for "
                        + next + "); chain so far: " + describe(chain));
            }
            current = next;
            format = info.backingFormat();
        }
    }

    private static Path realPath(Path p, List<ImageInfo> chain) {
        try {
            return p.toRealPath();
        } catch (NoSuchFileException e) {
            throw MiniascapeException.failed(p + ": no such image file; chain so far: " + describe(chain));
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot resolve " + p + ": " + e.getMessage(), e);
        }
    }

    private static String describe(List<ImageInfo> chain) {
        List<String> parts = new ArrayList<>();
        for (ImageInfo i : chain) {
            parts.add(i.path().toString());
        }
        return parts.isEmpty() ? "(empty)" : String.join(" -> ", parts);
    }
}
