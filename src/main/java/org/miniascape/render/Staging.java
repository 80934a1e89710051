package org.miniascape.render;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The directory a build writes into before it is swapped in place of the work directory: a new empty one, or
 * the spare — the tree the work directory held before the previous build ({@code .WORKDIR.spare}, kept by that
 * build's swap). A spare already has the directories of the output and most of its files, often the very
 * files this build writes: those are kept as they are, the others replaced, and what this build does not
 * write is removed before the swap. So a rebuild creates and deletes only what changed; creating and deleting
 * the 20,000 directories of a 10,000-guest site was most of a rebuild's time on ext4.
 * <p>
 * Nothing in a spare is trusted: a file is kept only when it has exactly the bytes, mode and owner a new one
 * would get (and no link but to the same file of the work directory), and a symbolic link or any other
 * entry on the way is removed, never followed.
 */
final class Staging {
    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR_FILE = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    /** This process's uid and the modes its new files get under the current umask. */
    record Identity(int uid, int regularMode, int executableMode, int directoryMode) {
        int mode(boolean executable) {
            return executable ? executableMode : regularMode;
        }
    }

    private final Path root;
    private final Identity identity;
    /** The entries the spare had when it was taken, listed while the build renders; null for a new staging. */
    private final TreeListing spareListing;
    /** Directories known to be real directories of this tree (only the writer thread uses it). */
    private final Set<Path> directories = new HashSet<>();

    private Staging(Path root, Identity identity, TreeListing spareListing) {
        this.root = root;
        this.identity = identity;
        this.spareListing = spareListing;
    }

    /** The spare's name beside the work directory. */
    static Path spareOf(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".spare");
    }

    /**
     * A staging directory beside {@code target}: a new one, into which the spare is then moved when asked to
     * and there is one of this user's (a rename onto the new, empty directory: atomic, so of two builds at once
     * only one takes it).
     */
    static Staging open(Path target, boolean useSpare) throws IOException {
        Path root = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".new-"
                + ProcessHandle.current().pid() + "-");
        try {
            Identity identity = identity(root);
            Path spare = spareOf(target);
            removeAbandoned(target, identity, useSpare);
            if (useSpare && Files.isDirectory(spare, LinkOption.NOFOLLOW_LINKS)
                    && (Integer) Files.getAttribute(spare, "unix:uid", LinkOption.NOFOLLOW_LINKS) == identity.uid()) {
                try {
                    Files.move(spare, root, StandardCopyOption.ATOMIC_MOVE);
                    return new Staging(root, identity, TreeListing.start(root, "miniascape-spare"));
                } catch (IOException e) {
                    // taken by another build meanwhile, or not movable: start from an empty directory
                }
            }
            return new Staging(root, identity, null);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(root);
            throw e;
        }
    }

    /**
     * Removes what builds that were killed left beside {@code target}: their staging directories
     * ({@code .NAME.new-PID-…}) and replaced trees ({@code .NAME.old-PID}), when that process no longer runs, they
     * are this user's and were last changed ten minutes ago or more (a build in another PID namespace, whose PID
     * is not seen here, may share the directory). A staging directory becomes the spare instead when there is
     * none: whatever it holds, every file is checked before it is kept.
     */
    private static void removeAbandoned(Path target, Identity identity, boolean useSpare) throws IOException {
        Pattern ours = Pattern.compile("\\." + Pattern.quote(target.getFileName().toString())
                + "\\.(new|old)-(\\d{1,10})(-[^/]*)?");
        List<Path> abandoned = new ArrayList<>();
        try (DirectoryStream<Path> beside = Files.newDirectoryStream(target.getParent())) {
            for (Path p : beside) {
                Matcher m = ours.matcher(p.getFileName().toString());
                if (m.matches() && (m.group(1).equals("old") || m.group(3) != null)
                        && ProcessHandle.of(Long.parseLong(m.group(2))).isEmpty()
                        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS) == identity.uid()
                        && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant()
                                .isBefore(Instant.now().minus(ABANDONED_AFTER))) {
                    abandoned.add(p);
                }
            }
        }
        abandoned.sort(null);
        for (Path p : abandoned) {
            if (useSpare && !Files.exists(spareOf(target), LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.move(p, spareOf(target), StandardCopyOption.ATOMIC_MOVE);
                    continue;
                } catch (IOException e) {
                    // another build made a spare meanwhile: removed below
                }
            }
            deleteQuietly(p);
        }
    }

    /** This user's uid (the owner of the directory just made) and the umask, through a probe directory. */
    private static Identity identity(Path root) throws IOException {
        Path probe = root.resolve(".umask");
        Files.createDirectory(probe,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        try {
            int umask = 0777 & ~((Integer) Files.getAttribute(probe, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0777);
            int uid = (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            return new Identity(uid, 0644 & ~umask, 0755 & ~umask, 0777 & ~umask);
        } finally {
            Files.delete(probe);
        }
    }

    Path root() {
        return root;
    }

    Identity identity() {
        return identity;
    }

    boolean recycled() {
        return spareListing != null;
    }

    /**
     * The attributes of {@code file} when it is a regular file with these bytes, owned by this user, with the
     * mode a new file would get; empty otherwise (whatever its links).
     */
    static Optional<Map<String, Object>> same(Path file, byte[] content, boolean executable, Identity identity) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file, "unix:mode,uid,nlink,ino,size", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return Optional.empty(); // not there (or not readable): written anew
        }
        int mode = (Integer) a.get("mode");
        if ((mode & TYPE_MASK) != REGULAR_FILE || (mode & 07777) != identity.mode(executable)
                || (Integer) a.get("uid") != identity.uid() || (Long) a.get("size") != content.length) {
            return Optional.empty();
        }
        try {
            return Arrays.equals(Files.readAllBytes(file), content) ? Optional.of(a) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * True when the spare already holds {@code file} as this build writes it: the same bytes, mode and owner,
     * and no other link than to {@code previousInode} (the work directory's file of the same path, which the
     * spare's was linked to by the previous build), if any.
     */
    boolean holds(Path file, byte[] content, boolean executable, Object previousInode) throws IOException {
        if (!recycled()) {
            return false;
        }
        parents(file); // a file is looked at only through real directories of this tree, never through a link
        if (previousInode != null && holdsInode(file, previousInode)) {
            return true; // the previous file's bytes, mode and owner were found right already
        }
        return same(file, content, executable, identity).filter(a -> {
            int links = (Integer) a.get("nlink");
            return links == 1 || links == 2 && a.get("ino").equals(previousInode);
        }).isPresent();
    }

    /**
     * True when the recycled tree's {@code file} is the work directory's file of that inode, linked only from
     * these two trees.
     */
    boolean holdsInode(Path file, Object previousInode) throws IOException {
        if (!recycled()) {
            return false;
        }
        parents(file); // a file is looked at only through real directories of this tree, never through a link
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:ino,nlink", LinkOption.NOFOLLOW_LINKS);
            return previousInode.equals(a.get("ino")) && (Integer) a.get("nlink") <= 2;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes room for {@code file}: its parent directories exist as real directories of this tree (a file or
     * link of the spare in the way is removed), and whatever the spare had at {@code file} itself is gone.
     */
    void prepare(Path file) throws IOException {
        parents(file);
        if (recycled()) {
            remove(file);
        }
    }

    /** The parent directories of {@code file} exist as real directories of this tree. */
    private void parents(Path file) throws IOException {
        Path dir = file.getParent();
        if (!directories.contains(dir)) {
            if (recycled()) {
                List<Path> chain = new ArrayList<>();
                for (Path d = dir; !d.equals(root) && !directories.contains(d); d = d.getParent()) {
                    chain.add(0, d);
                }
                for (Path d : chain) {
                    if (!isOwnDirectory(d)) {
                        remove(d);
                        Files.createDirectory(d);
                    }
                    directories.add(d);
                }
            } else {
                Files.createDirectories(dir);
                for (Path d = dir; !d.equals(root) && directories.add(d); d = d.getParent()) {
                    // every directory above is there too
                }
            }
        }
    }

    /**
     * True when {@code d} is a real directory of this user's with the mode a new one would get (a directory
     * chmod-ed in the work directory is made anew, so a rebuild gives what a fresh build gives).
     */
    private boolean isOwnDirectory(Path d) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(d, "unix:mode,uid", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return false;
        }
        int mode = (Integer) a.get("mode");
        return (mode & TYPE_MASK) == DIRECTORY && (mode & 07777) == identity.directoryMode()
                && (Integer) a.get("uid") == identity.uid();
    }

    /**
     * Before the swap: removes from a spare every entry this build did not write (and that is no directory
     * above a file it wrote).
     */
    void removeExtras(Set<String> written) throws IOException {
        if (!recycled()) {
            return;
        }
        TreeListing.Entries listed = spareListing.get();
        Set<String> keep = TreeListing.withParents(written);
        if (listed == null) {
            // The listing failed: walk now.
            removeExtrasWalking(keep);
            return;
        }
        List<String> extras = new ArrayList<>();
        for (String p : listed.paths()) {
            if (!keep.contains(p)) {
                extras.add(p);
            }
        }
        // Shortest first: a removed directory takes what is below it along.
        extras.sort(Comparator.comparingInt(String::length));
        for (String p : extras) {
            Path extra = root.resolve(p);
            // Gone already when a directory above it was removed, or replaced by a file of this build.
            if (Files.isDirectory(extra.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                remove(extra);
            }
        }
    }

    private void removeExtrasWalking(Set<String> keep) throws IOException {
        List<Path> extras = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root) || keep.contains(root.relativize(dir).toString())) {
                    return FileVisitResult.CONTINUE;
                }
                extras.add(dir);
                return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!keep.contains(root.relativize(file).toString())) {
                    extras.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path p : extras) {
            remove(p);
        }
    }

    /**
     * Not needed (the build failed, or changed nothing): a recycled tree goes back to being the spare (whatever
     * was changed in it, every file is checked again before it is kept); a new one is deleted.
     */
    void release(Path target) {
        if (spareListing == null) {
            deleteQuietly(root);
            return;
        }
        spareListing.stop();
        try {
            Files.move(root, spareOf(target), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(root); // a spare came back meanwhile
        }
    }

    /** Removes a file, a link (never what it points to) or a whole directory; nothing there is fine. */
    static void remove(Path p) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (a.isDirectory()) {
            OutputTree.deleteTree(p);
        } else {
            Files.delete(p);
        }
    }

    static void deleteQuietly(Path dir) {
        try {
            OutputTree.deleteTree(dir);
        } catch (IOException e) {
            // the error that made the caller give up is the one to report
        }
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
