package org.miniascape.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A tree as a map to compare before and after: every entry with its kind, mode, inode and content or target. */
public final class TreeSnapshot {
    private TreeSnapshot() {
    }

    /** Empty when nothing is at {@code root}; a link or a file at {@code root} itself is one entry (""). */
    public static Map<String, String> of(Path root) {
        Map<String, String> entries = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return entries;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                String attributes = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) + " "
                        + Files.getAttribute(p, "unix:ino", LinkOption.NOFOLLOW_LINKS);
                entries.put(root.relativize(p).toString(), Files.isSymbolicLink(p)
                        ? "link " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir " + attributes
                        : "file " + attributes + " " + new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
