package org.miniascape.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/**
 * Golden files: compares generated text with an expected file under src/test/resources and fails with a unified
 * diff. Run the suite with {@code -Dminiascape.regenerate=true} to rewrite the expected files instead — then
 * review the changes in git very carefully before committing them.
 */
public final class Golden {
    /** The source tree's test resources, so regeneration writes where git sees it (not target/). */
    public static final Path RESOURCES = Paths.get("src", "test", "resources").toAbsolutePath();

    private Golden() {
    }

    public static boolean regenerating() {
        return Boolean.parseBoolean(System.getProperty("miniascape.regenerate", "false"));
    }

    /** {@code expected} is relative to src/test/resources, e.g. {@code scenarios/nat-network/out/site.json}. */
    public static void assertMatches(String expected, String actual) {
        Path file = RESOURCES.resolve(expected);
        try {
            if (regenerating()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("golden file " + expected + " is missing; run with -Dminiascape.regenerate=true to create it");
            }
            String want = Files.readString(file, StandardCharsets.UTF_8);
            if (!want.equals(actual)) {
                fail("generated output differs from " + expected + " (regenerate with -Dminiascape.regenerate=true):\n"
                        + unifiedDiff(file, actual));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read or write golden file " + file, e);
        }
    }

    /**
     * Files of a build that another program draws, so that their bytes are that program's version's, not
     * miniascape's: no golden file; {@link ArtifactChecks} checks them instead.
     */
    public static final java.util.Set<String> NOT_GOLDEN = java.util.Set.of("host/topology.svg");

    /**
     * Compares every file of a generated tree with an expected tree, both ways (missing and extra files), but
     * those of {@link #NOT_GOLDEN}.
     */
    public static void assertTreeMatches(String expectedDir, Path actualDir) {
        Path want = RESOURCES.resolve(expectedDir);
        try {
            if (regenerating()) {
                if (Files.exists(want)) {
                    try (var walk = Files.walk(want)) {
                        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
            java.util.Set<String> actualFiles = relativeFiles(actualDir);
            actualFiles.removeAll(NOT_GOLDEN);
            for (String rel : actualFiles) {
                assertMatches(expectedDir + "/" + rel, Files.readString(actualDir.resolve(rel), StandardCharsets.UTF_8));
            }
            if (!regenerating()) {
                java.util.Set<String> expectedFiles = relativeFiles(want);
                expectedFiles.removeAll(actualFiles);
                if (!expectedFiles.isEmpty()) {
                    fail("expected files were not generated: " + expectedFiles);
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static java.util.Set<String> relativeFiles(Path root) throws IOException {
        java.util.Set<String> files = new java.util.TreeSet<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (var walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> files.add(root.relativize(p).toString()));
        }
        return files;
    }

    private static String unifiedDiff(Path expectedFile, String actual) throws IOException {
        Path tmp = Files.createTempFile("golden-actual-", ".txt");
        try {
            Files.writeString(tmp, actual, StandardCharsets.UTF_8);
            ExecResult r = new Executor().run(Command.of("diff", "-u", "--label", "expected", "--label", "actual",
                    expectedFile.toString(), tmp.toString()));
            return r.stdout();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
