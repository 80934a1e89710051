package org.miniascape.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.miniascape.MiniascapeException;

/**
 * The bundle's SHA-256 manifest, in the format {@code sha256sum -c} reads: one "HASH  PATH" line per file,
 * sorted by path, the manifest itself left out.
 */
public final class Manifest {
    public static final String FILE = "SHA256SUMS";

    private Manifest() {
    }

    /** Hashes every regular file under {@code dir} (except the manifest) and returns the manifest text. */
    public static String of(Path dir) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : hashes(dir).entrySet()) {
            sb.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        return sb.toString();
    }

    /** Checks {@code dir} against its manifest: every listed file present and equal, no unlisted file. */
    public static void verify(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw MiniascapeException.badInput(dir + ": no " + FILE + " manifest; not a miniascape bundle?");
        }
        Map<String, String> listed = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                if (!line.matches("[0-9a-f]{64}  \\S.*")) {
                    throw MiniascapeException.badInput(file + ": malformed line: " + line);
                }
                listed.put(line.substring(66), line.substring(0, 64));
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + file + ": " + e.getMessage(), e);
        }
        Path root; // the bundle itself may be reached through a link; nothing inside it may be one
        try {
            root = dir.toRealPath();
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + dir + ": " + e.getMessage(), e);
        }
        refuseLinks(root);
        Map<String, String> actual = hashes(root);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : listed.entrySet()) {
            String have = actual.get(e.getKey());
            if (have == null) {
                problems.add("missing: " + e.getKey());
            } else if (!have.equals(e.getValue())) {
                problems.add("checksum mismatch: " + e.getKey());
            }
        }
        for (String extra : actual.keySet()) {
            if (!listed.containsKey(extra)) {
                problems.add("not in the manifest: " + extra);
            }
        }
        if (!problems.isEmpty()) {
            // The bundle is the user's input, as a hostile one is: exit 2, nothing placed.
            throw MiniascapeException.badInput(dir + ": the bundle does not match its manifest:\n  "
                    + String.join("\n  ", problems));
        }
    }

    /**
     * A bundle holds files and directories only. The walk below does not follow a symlinked directory (its
     * files would go unchecked) while a symlinked file is hashed where it points: either way what gets placed
     * is not what was verified.
     */
    private static void refuseLinks(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isSymbolicLink).sorted().toList()) {
                throw MiniascapeException.badInput(dir + ": " + dir.relativize(p) + " is a symbolic link; a bundle "
                        + "holds only files and directories, so it cannot be verified");
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> hashes(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.equals(FILE)) {
                    out.put(rel, sha256(p));
                }
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
