package org.miniascape.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miniascape.MiniascapeException;

/**
 * What a VMDK says about itself: its createType (monolithicSparse, twoGbMaxExtentSparse, monolithicFlat,
 * streamOptimized, ...) and its extent files. Either a text descriptor (the small .vmdk next to -flat or -s001
 * extents) or a sparse extent with the descriptor embedded after its header. Missing extents are found here,
 * with their names, before qemu-img would fail on them.
 */
public record VmdkDescriptor(Path path, String createType, List<Path> extents) {
    private static final int SPARSE_MAGIC = 0x564d444b; // "KDMV" read little-endian
    private static final Pattern EXTENT = Pattern.compile(
            "^(RW|RDONLY|NOACCESS)\\s+\\d+\\s+(\\w+)\\s+\"([^\"]+)\".*$");
    private static final Pattern CREATE_TYPE = Pattern.compile("^createType\\s*=\\s*\"([^\"]+)\"\\s*$");

    public static VmdkDescriptor read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw MiniascapeException.failed(file + ": VMDK not found");
        }
        String text;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            head.flip();
            if (head.remaining() >= 4 && head.getInt(0) == SPARSE_MAGIC) {
                long sectors = ch.size() / 512;
                long offsetSectors = head.getLong(28);
                long sizeSectors = head.getLong(36);
                // In sectors (uint64): the offset is checked before it becomes bytes, where it could overflow.
                if (offsetSectors < 0 || offsetSectors > sectors) {
                    throw MiniascapeException.failed(file + ": not a valid sparse VMDK: its header puts the "
                            + "embedded descriptor at sector " + Long.toUnsignedString(offsetSectors) + " ("
                            + Long.toUnsignedString(sizeSectors) + " sectors); the file has " + sectors);
                }
                long descOffset = offsetSectors * 512;
                if (descOffset == 0 || sizeSectors <= 0 || sizeSectors > 2048) {
                    return new VmdkDescriptor(file, "monolithicSparse", List.of(file)); // no embedded descriptor
                }
                ByteBuffer d = ByteBuffer.allocate((int) sizeSectors * 512);
                ch.read(d, descOffset);
                text = new String(d.array(), 0, d.position(), StandardCharsets.UTF_8);
                int nul = text.indexOf('\0');
                text = nul >= 0 ? text.substring(0, nul) : text;
            } else if (ch.size() < (1 << 20)) {
                text = Files.readString(file, StandardCharsets.ISO_8859_1);
                if (!text.startsWith("# Disk DescriptorFile")) {
                    throw MiniascapeException.failed(file + ": neither a VMDK descriptor nor a sparse VMDK (a raw "
                            + "-flat extent? name the descriptor .vmdk instead)");
                }
            } else {
                throw MiniascapeException.failed(file + ": neither a VMDK descriptor nor a sparse VMDK (a raw "
                        + "-flat extent? name the descriptor .vmdk instead)");
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + file + ": " + e.getMessage(), e);
        }
        String createType = "unknown";
        List<Path> extents = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            Matcher ct = CREATE_TYPE.matcher(l);
            if (ct.matches()) {
                createType = ct.group(1);
            }
            Matcher ex = EXTENT.matcher(l);
            if (ex.matches()) {
                Path p = Path.of(ex.group(3));
                extents.add(p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p).normalize());
            }
        }
        return new VmdkDescriptor(file, createType, List.copyOf(extents));
    }

    /** The extent files that are not there. */
    public List<Path> missingExtents() {
        return extents.stream().filter(p -> !Files.isRegularFile(p)).toList();
    }
}
