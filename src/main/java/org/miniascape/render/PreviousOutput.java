package org.miniascape.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the work directory holds before this build, so that a rebuild can keep the files that did not change,
 * and leave the work directory untouched when nothing changed at all. A kept file becomes a second name (a
 * hard link) of the previous file in the new tree instead of a new file: creating a file is an inode to
 * allocate, which on this project's build machines cost 10-150 us each (a 10,000-guest site is 50,000 files),
 * and it keeps the file's time stamps for tools that compare them.
 * <p>
 * A file counts as the same only when it is exactly what this build would write: the same bytes, a regular
 * file owned by this user, with the mode a new file would get under the current umask. It is linked only when
 * it has no other link (a user's own name for it must never become part of the output); otherwise its bytes
 * are copied.
 */
final class PreviousOutput {
    private final Path root;
    private final Staging.Identity identity;
    private final TreeListing listing;
    /** Directories of the previous output found to be real ones (only the writer thread uses it). */
    private final Set<Path> realDirectories = new HashSet<>();

    private PreviousOutput(Path root, Staging.Identity identity) {
        this.root = root;
        this.identity = identity;
        this.listing = TreeListing.start(root, "miniascape-previous-output");
    }

    /** The previous output at {@code target}, or null when there is none (no directory there). */
    static PreviousOutput of(Path target, Staging.Identity identity) {
        return Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? new PreviousOutput(target, identity) : null;
    }

    /** The inode of the previous output's file when it is as this build writes it (see above); else null. */
    Object sameAs(String relativePath, byte[] content, boolean executable) {
        Path file = root.resolve(relativePath);
        if (!underRealDirectories(file)) {
            return null; // reached through a link: not part of the previous output
        }
        Optional<Map<String, Object>> a = Staging.same(file, content, executable, identity);
        return a.map(attributes -> attributes.get("ino")).orElse(null);
    }

    /** True when every directory between the root and {@code file} is a real directory (no link). */
    private boolean underRealDirectories(Path file) {
        for (Path d = file.getParent(); !d.equals(root) && !realDirectories.contains(d); d = d.getParent()) {
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            realDirectories.add(d);
        }
        return true;
    }

    /**
     * Places the previous output's file at {@code file} of the new tree: a hard link when it has no other link
     * and the file system has hard links, else a copy of its bytes.
     */
    void place(String relativePath, Path file, boolean executable) throws IOException {
        Path old = root.resolve(relativePath);
        if ((Integer) Files.getAttribute(old, "unix:nlink", LinkOption.NOFOLLOW_LINKS) == 1) {
            try {
                Files.createLink(file, old);
                return;
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links here: copied below
            }
        }
        OutputTree.create(file, Files.readAllBytes(old), executable);
    }

    /** The build found a file that differs: the listing is not needed any more. */
    void stopListing() {
        listing.stop();
    }

    /**
     * True when the previous output holds exactly these files and the directories above them, nothing else:
     * then a build that found every file the same leaves the work directory as it was.
     */
    boolean holdsExactly(Set<String> files) {
        TreeListing.Entries entries = listing.get();
        return entries != null && entries.onlyFilesAndDirectories()
                && entries.paths().equals(TreeListing.withParents(files));
    }
}
