package org.miniascape.render;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.miniascape.MiniascapeException;

/**
 * The file every output tree holds ({@value #NAME}), by which a directory is known as miniascape's own before
 * anything replaces it: an existing, non-empty directory without it is someone's files, and is replaced (and
 * so deleted) only when the user says {@code --force}. Its text is the same for every output, so that outputs
 * stay byte-identical for the same input.
 */
final class OutputMarker {
    static final String NAME = ".miniascape-output";
    static final String CONTENT = "This directory is an output of miniascape (build, repack, pack or convert).\n"
            + "The next run that writes it replaces it whole: whatever else is put here is removed then.\n";
    /** How many entries a message names before it only counts the rest. */
    private static final int NAMED = 5;

    private OutputMarker() {
    }

    /**
     * {@code removed}: what {@code --force} lets the output remove, one line each for the user (empty when
     * nothing); {@code foreignTarget}: the target is a directory that is not an output, and is removed whole.
     */
    record Verdict(List<String> removed, boolean foreignTarget) {
    }

    /**
     * Checks, before anything is written or moved, that the output may replace {@code target} (absolute and
     * normalized) and, when {@code spare} is given, write into that spare tree: each is absent, an empty directory
     * or a directory holding the marker. Anything else is refused (exit 2) unless {@code force}; a path without a
     * parent, a regular file, a symbolic link or any other non-directory at {@code target} is refused even then.
     * A spare that is no directory of this user's is not checked: no build uses it.
     *
     * @return what {@code force} lets the output remove
     */
    static Verdict check(Path target, Path spare, boolean force) {
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            throw MiniascapeException.badInput(target + " cannot be an output directory: the output is written beside "
                    + "it and swapped in, so it needs a parent directory; choose a directory below it");
        }
        for (Path above = parent; above != null; above = above.getParent()) {
            if (Files.exists(above)) { // the first that exists (the rest are made)
                if (!Files.isDirectory(above)) {
                    throw MiniascapeException.badInput("cannot write the output " + target + ": " + above
                            + " is not a directory");
                }
                break;
            }
        }
        List<String> removed = new ArrayList<>();
        boolean foreignTarget = false;
        BasicFileAttributes a = attributes(target);
        if (a != null) {
            if (a.isSymbolicLink()) {
                throw MiniascapeException.badInput(target + " is a symbolic link: the output would replace the link, "
                        + "not write where it points; it is left as it is: give the directory itself, or remove the "
                        + "link");
            }
            if (!a.isDirectory()) {
                throw MiniascapeException.badInput(target + " exists and is not a directory: it is left as it is; "
                        + "remove it or choose another output directory");
            }
            foreignTarget = foreign(target, "", force, removed);
        }
        if (spare != null) {
            BasicFileAttributes s = attributes(spare);
            if (s != null && s.isDirectory() && ownedByThisUser(spare)) {
                foreign(spare, " (the spare tree that a build of " + target + " writes into)", force, removed);
            }
        }
        return new Verdict(List.copyOf(removed), foreignTarget);
    }

    /**
     * True when {@code dir} is not empty and has no marker: refused then, or, forced, what it holds is added to
     * {@code removed}.
     */
    private static boolean foreign(Path dir, String what, boolean force, List<String> removed) {
        List<String> entries = new ArrayList<>();
        int count = 0;
        try (DirectoryStream<Path> in = Files.newDirectoryStream(dir)) {
            for (Path p : in) {
                if (p.getFileName().toString().equals(NAME) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    return false; // miniascape's own
                }
                count++;
                entries.add(p.getFileName().toString());
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + dir + what + ": " + e.getMessage(), e);
        }
        if (count == 0) {
            return false;
        }
        entries.sort(null);
        String listed = String.join(", ", entries.subList(0, Math.min(NAMED, count)))
                + (count > NAMED ? " and " + (count - NAMED) + " more" : "");
        if (!force) {
            throw MiniascapeException.badInput(dir + what + " exists and is not a miniascape output (it has no "
                    + NAME + "; it holds " + listed + "): nothing was changed; choose another directory, or give "
                    + "--force to replace it and remove what it holds");
        }
        removed.add("--force: " + dir + what + " is not a miniascape output; its " + count
                + (count == 1 ? " entry (" + listed + ") is removed" : " entries (" + listed + ") are removed"));
        return true;
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null; // absent (or unreadable: what comes next says so)
        }
    }

    /** This process's uid owns {@code p} (the owner of /proc/self is the process's user). */
    private static boolean ownedByThisUser(Path p) {
        try {
            return Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)
                    .equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return true; // checked, as if it were: never writing into a foreign tree is the point
        }
    }
}
