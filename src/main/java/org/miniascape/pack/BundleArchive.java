package org.miniascape.pack;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.miniascape.MiniascapeException;

/**
 * Bundle archives through commons-compress, reproducible: entries sorted by path, owner root:root, modes 0755
 * for directories and 0644 for files, one fixed mtime, no timestamp or file name in the gzip header. So the same
 * bundle directory always gives the same archive bytes. User extended attributes travel as PAX headers
 * (SCHILY.xattr.user.*, as GNU tar writes them with --xattrs).
 */
public final class BundleArchive {
    private BundleArchive() {
    }

    /** Writes {@code dir} as {@code archive}, its entries under the directory's own name. */
    public static void write(Path dir, Path archive, ArchiveFormat format, long mtimeSeconds) {
        String top = dir.getFileName().toString();
        Path partial = archive.resolveSibling("." + archive.getFileName() + ".partial");
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted().toList();
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20);
                 OutputStream compressed = compressor(file, format);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Path p : paths) {
                    String rel = dir.relativize(p).toString();
                    String name = rel.isEmpty() ? top + "/" : top + "/" + rel + (Files.isDirectory(p) ? "/" : "");
                    TarArchiveEntry e = new TarArchiveEntry(name);
                    e.setModTime(new Date(mtimeSeconds * 1000));
                    e.setUserId(0);
                    e.setGroupId(0);
                    e.setUserName("root");
                    e.setGroupName("root");
                    if (Files.isDirectory(p)) {
                        e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
                        tar.putArchiveEntry(e);
                    } else {
                        e.setMode(Files.isExecutable(p) ? 0100755 : 0100644);
                        e.setSize(Files.size(p));
                        userAttributes(p).forEach((k, v) -> e.addPaxHeader(XATTR + k, v));
                        tar.putArchiveEntry(e);
                        try (InputStream in = Files.newInputStream(p)) {
                            in.transferTo(tar);
                        }
                    }
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            // The archive file carries the bundle's date too: rpmbuild -t puts its mtime into the source RPM.
            Files.setLastModifiedTime(partial, FileTime.fromMillis(mtimeSeconds * 1000));
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot write " + archive + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the failure above is what matters
            }
        }
    }

    /** GNU tar's and star's PAX key for extended attributes: SCHILY.xattr.user.NAME. */
    private static final String XATTR = "SCHILY.xattr.user.";

    /**
     * A file's user.* extended attributes, sorted, those whose values are UTF-8 text (PAX header values are UTF-8
     * strings: binary values would not survive). Empty where the filesystem has none.
     */
    private static java.util.SortedMap<String, String> userAttributes(Path p) throws IOException {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        if (!Files.getFileStore(p).supportsFileAttributeView(UserDefinedFileAttributeView.class)) {
            return out;
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class);
        for (String name : view.list()) {
            java.nio.ByteBuffer value = java.nio.ByteBuffer.allocate(view.size(name));
            view.read(name, value);
            try {
                out.put(name, java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .decode(value.flip()).toString());
            } catch (java.nio.charset.CharacterCodingException notText) {
                // left out: see above
            }
        }
        return out;
    }

    private static void restoreUserAttributes(Path target, TarArchiveEntry e) throws IOException {
        java.util.Map<String, String> headers = e.getExtraPaxHeaders();
        if (headers.keySet().stream().noneMatch(k -> k.startsWith(XATTR))
                || !Files.getFileStore(target).supportsFileAttributeView(UserDefinedFileAttributeView.class)) {
            return;
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(target, UserDefinedFileAttributeView.class);
        for (java.util.Map.Entry<String, String> h : new java.util.TreeMap<>(headers).entrySet()) {
            if (h.getKey().startsWith(XATTR)) {
                view.write(h.getKey().substring(XATTR.length()),
                        java.nio.charset.StandardCharsets.UTF_8.encode(h.getValue()));
            }
        }
    }

    private static OutputStream compressor(OutputStream out, ArchiveFormat format) throws IOException {
        if (format == ArchiveFormat.TAR_XZ) {
            return new XZCompressorOutputStream(out);
        }
        GzipParameters p = new GzipParameters();
        p.setModificationTime(0);
        p.setOperatingSystem(3); // Unix, whatever the build host
        return new GzipCompressorOutputStream(out, p);
    }

    /**
     * Extracts an archive into {@code into} and returns the bundle directory (the archive's single top
     * directory). Entries leaving that directory, links and devices are refused. Zero blocks of files become
     * holes again, as tar does not keep them sparse.
     */
    public static Path extract(Path archive, Path into) {
        ArchiveFormat format = ArchiveFormat.of(archive).orElseThrow(() -> MiniascapeException.badInput(archive
                + ": not a bundle archive (.tar.gz or .tar.xz)"));
        Path root = into.toAbsolutePath().normalize();
        String top = null;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 20);
             InputStream plain = format == ArchiveFormat.TAR_XZ ? new XZCompressorInputStream(file)
                     : new GzipCompressorInputStream(file);
             TarArchiveInputStream tar = new TarArchiveInputStream(plain)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
                if (top == null) {
                    top = first;
                } else if (!top.equals(first)) {
                    throw MiniascapeException.badInput(archive + ": more than one top directory (" + top + ", "
                            + first + ")");
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root.resolve(top))) {
                    throw MiniascapeException.badInput(archive + ": entry '" + name + "' leaves the bundle directory");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    org.miniascape.image.SparseCopy.write(tar, target, e.getSize());
                    Files.setPosixFilePermissions(target, (e.getMode() & 0111) != 0
                            ? Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                    PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
                                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                                    PosixFilePermission.OTHERS_EXECUTE)
                            : Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
                    Files.setLastModifiedTime(target, FileTime.fromMillis(e.getModTime().getTime()));
                    restoreUserAttributes(target, e);
                } else {
                    throw MiniascapeException.badInput(archive + ": entry '" + name + "' is not a file or directory");
                }
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot extract " + archive + ": " + e.getMessage(), e);
        }
        if (top == null) {
            throw MiniascapeException.badInput(archive + ": the archive is empty");
        }
        return root.resolve(top);
    }
}
