package org.miniascape.render;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Every entry below a directory (relative paths), listed on a thread of its own while the build renders: for a
 * 10,000-guest site that is 70,000 entries, 0.4 s that would otherwise come after the last file.
 */
final class TreeListing {
    /** What was found: the entries, and whether any of them is neither a regular file nor a directory. */
    record Entries(Set<String> paths, boolean onlyFilesAndDirectories) {
    }

    private final Path root;
    private final FutureTask<Entries> task;
    private volatile boolean wanted = true;

    private TreeListing(Path root, String threadName) {
        this.root = root;
        this.task = new FutureTask<>(this::list);
        Thread t = new Thread(task, threadName);
        t.setDaemon(true);
        t.start();
    }

    static TreeListing start(Path root, String threadName) {
        return new TreeListing(root, threadName);
    }

    /** Not needed any more: the listing stops early (and {@link #get} gives nothing). */
    void stop() {
        wanted = false;
    }

    /** The entries, or null when the listing failed or was stopped. */
    Entries get() {
        try {
            return wanted ? task.get() : null;
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Entries list() throws IOException {
        Set<String> entries = new HashSet<>();
        boolean[] onlyFilesAndDirectories = {true};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    entries.add(root.relativize(dir).toString());
                }
                return wanted ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                onlyFilesAndDirectories[0] &= attrs.isRegularFile();
                entries.add(root.relativize(file).toString());
                return FileVisitResult.CONTINUE;
            }

            /** An entry removed while listing (a spare is listed while the build writes into it) is no error. */
            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e == null || e instanceof NoSuchFileException
                        || e.getCause() instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return new Entries(entries, onlyFilesAndDirectories[0]);
    }

    /** {@code files} and every directory above them (relative paths with '/'). */
    static Set<String> withParents(Set<String> files) {
        Set<String> all = new HashSet<>();
        for (String f : files) {
            for (String p = f; all.add(p); p = p.substring(0, p.lastIndexOf('/'))) {
                if (p.indexOf('/') < 0) {
                    break;
                }
            }
        }
        return all;
    }
}
