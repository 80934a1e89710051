package org.miniascape.render;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * What the work directory held before this build, so that a rebuild can keep the files that did not change.
 * A kept file becomes a second name (a hard link) of the previous file in the new tree instead of a new file:
 * creating a file is an inode to allocate, which on this project's build machines cost 30-200 us each (a
 * 10,000-guest site is 50,000 files), and it keeps the file's time stamps for tools that compare them.
 * <p>
 * A file is kept only when it is exactly what this build would write: the same bytes, a regular file with
 * no other link, owned by this user, with the mode a new file would get under the current umask.
 */
final class PreviousOutput {
    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR_FILE = 0100000;

    private final Path root;
    private final int uid;
    private final int regularMode;
    private final int executableMode;
    /**
     * Every entry of the previous output (relative paths), listed on a thread of its own while the build
     * renders: for a 10,000-guest site the listing is 70,000 entries, 0.4 s that would otherwise come after
     * the last file. Null entries: the listing failed or found something that is neither file nor directory.
     */
    private final FutureTask<Set<String>> listing;
    private volatile boolean listingWanted = true;

    private PreviousOutput(Path root, int uid, int umask) {
        this.root = root;
        this.uid = uid;
        this.regularMode = 0644 & ~umask;
        this.executableMode = 0755 & ~umask;
        this.listing = new FutureTask<>(this::list);
        Thread t = new Thread(listing, "miniascape-previous-output");
        t.setDaemon(true);
        t.start();
    }

    /** The relative paths of every file and directory, or null when something else is there. */
    private Set<String> list() throws IOException {
        Set<String> entries = new HashSet<>();
        boolean[] other = {false};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    entries.add(root.relativize(dir).toString());
                }
                return listingWanted ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!attrs.isRegularFile()) {
                    other[0] = true;
                    return FileVisitResult.TERMINATE;
                }
                entries.add(root.relativize(file).toString());
                return FileVisitResult.CONTINUE;
            }
        });
        return other[0] ? null : entries;
    }

    /** The build found a file that differs: the listing is not needed any more. */
    void stopListing() {
        listingWanted = false;
    }

    /**
     * The previous output at {@code target}, or null when there is none (no directory there). The staging
     * directory, made by this process, tells this user's uid and, through a probe directory created with
     * mode 0777, the umask.
     */
    static PreviousOutput of(Path target, Path staging) throws IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        Path probe = staging.resolve(".umask");
        Files.createDirectory(probe, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        try {
            int created = (Integer) Files.getAttribute(probe, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777;
            int uid = (Integer) Files.getAttribute(staging, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return new PreviousOutput(target, uid, 0777 & ~created);
        } finally {
            Files.delete(probe);
        }
    }

    /** True when the previous output has this file, as this build would write it (see the class comment). */
    boolean holdsSame(String relativePath, byte[] content, boolean executable) {
        Path old = root.resolve(relativePath);
        Map<String, Object> a;
        try {
            a = Files.readAttributes(old, "unix:mode,uid,nlink,size", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false; // not there (or not readable): written anew
        }
        int mode = (Integer) a.get("mode");
        if ((mode & TYPE_MASK) != REGULAR_FILE || (mode & 07777) != (executable ? executableMode : regularMode)
                || (Integer) a.get("nlink") != 1 || (Integer) a.get("uid") != uid
                || (Long) a.get("size") != content.length) {
            return false;
        }
        try {
            return Arrays.equals(Files.readAllBytes(old), content);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Places the previous output's file at {@code file} of the new tree: a hard link, or a copy of its bytes
     * where the file system has no hard links.
     */
    void place(String relativePath, Path file, boolean executable) throws IOException {
        Path old = root.resolve(relativePath);
        try {
            Files.createLink(file, old);
        } catch (UnsupportedOperationException | IOException e) {
            OutputTree.create(file, Files.readAllBytes(old), executable);
        }
    }

    /**
     * True when the previous output holds exactly these files and the directories above them, nothing else:
     * then a build that found every file the same leaves the work directory as it was.
     */
    boolean holdsExactly(Set<String> files) {
        Set<String> entries;
        try {
            entries = listing.get();
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (entries == null || entries.size() < files.size()) {
            return false;
        }
        Set<String> expected = new HashSet<>();
        for (String f : files) {
            // every directory above a file is expected too
            for (String p = f; expected.add(p); p = p.substring(0, p.lastIndexOf('/'))) {
                if (p.indexOf('/') < 0) {
                    break;
                }
            }
        }
        return expected.equals(entries);
    }
}
