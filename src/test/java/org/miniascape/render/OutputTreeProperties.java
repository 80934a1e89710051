package org.miniascape.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.miniascape.MiniascapeException;
import org.miniascape.testing.TreeSnapshot;

/**
 * Whatever the work directory and its spare held before, a build leaves exactly its own files in it: the same
 * as a build into an empty directory. Outputs are drawn from few short path names, so that builds in sequence
 * keep, change, drop and add files, and a path that was a file becomes a directory and back. A tree whose
 * marker was removed is refused, left exactly as it was, and replaced only when forced.
 */
class OutputTreeProperties {

    /** A file of an output: its bytes and whether it is executable. */
    record Content(String text, boolean executable) {
    }

    @Property(tries = 60)
    void everyBuildLeavesExactlyItsOwnFiles(@ForAll("sequences") List<Map<String, Content>> builds)
            throws IOException {
        Path dir = Files.createTempDirectory("mia-output-property");
        try {
            Path work = dir.resolve("out");
            Map<String, Content> before = null;
            for (Map<String, Content> output : builds) {
                boolean unchanged;
                try (OutputTree out = OutputTree.keepingSpare(work)) {
                    output.forEach((path, c) -> out.write(path, c.text(), c.executable()));
                    out.commit();
                    unchanged = out.unchanged();
                }
                assertThat(read(work)).isEqualTo(withMarker(output));
                assertThat(unchanged).isEqualTo(output.equals(before));
                try (Stream<Path> beside = Files.list(dir)) {
                    assertThat(beside.map(p -> p.getFileName().toString()))
                            .isSubsetOf("out", ".out.spare").contains("out");
                }
                before = output;
            }
        } finally {
            OutputTree.deleteTree(dir);
        }
    }

    /** The output's files and the marker every output holds. */
    private static Map<String, Content> withMarker(Map<String, Content> output) {
        Map<String, Content> all = new TreeMap<>(output);
        all.put(OutputTree.MARKER, new Content(OutputMarker.CONTENT, false));
        return all;
    }

    /** A directory that is not empty and has no marker (a regular file): a build must refuse it. */
    private static boolean notAnOutput(Path tree) throws IOException {
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> inside = Files.list(tree)) {
            return inside.findAny().isPresent()
                    && !Files.isRegularFile(tree.resolve(OutputTree.MARKER), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** The regular files below {@code root}; anything else (a link, an empty directory) fails the property. */
    private static Map<String, Content> read(Path root) throws IOException {
        Map<String, Content> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> inside = Files.list(p)) {
                        assertThat(inside.findAny()).as("empty directory " + p).isPresent();
                    }
                    continue;
                }
                assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).as(p.toString()).isTrue();
                files.put(root.relativize(p).toString(), new Content(Files.readString(p), Files.isExecutable(p)));
            }
        }
        return files;
    }

    @Provide
    Arbitrary<List<Map<String, Content>>> sequences() {
        Arbitrary<String> path = Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(3)
                .map(segments -> String.join("/", segments));
        Arbitrary<Content> content = Combinators.combine(Arbitraries.of("x", "y", "xy", ""),
                Arbitraries.of(true, false)).as(Content::new);
        Arbitrary<Map<String, Content>> output = Arbitraries.maps(path, content).ofMinSize(1).ofMaxSize(6)
                .filter(OutputTreeProperties::noFileAboveAnother).map(TreeMap::new);
        // A repeated output now and then: the unchanged path.
        return output.list().ofMinSize(2).ofMaxSize(5).map(list -> {
            if (list.size() > 2 && list.get(0).size() % 2 == 0) {
                list.set(1, list.get(0));
            }
            return list;
        });
    }

    /** One output cannot hold a file at a path that is a directory of another of its files. */
    private static boolean noFileAboveAnother(Map<String, Content> output) {
        return output.keySet().stream().noneMatch(a -> output.keySet().stream().anyMatch(b -> b.startsWith(a + "/")));
    }

    /** What a user (or a crash) may do to the work directory or the spare between two builds. */
    enum Tamper { CHMOD, EDIT_IN_PLACE, EXTRA_FILE, LINK_TO_OUTSIDE, DELETE, NOTHING }

    @Property(tries = 60)
    void aTamperedWorkDirectoryOrSpareNeverLeaksIntoTheNextBuild(
            @ForAll("sequences") List<Map<String, Content>> builds,
            @ForAll("tampers") List<Tamper> tampers, @ForAll("picks") List<Integer> picks) throws IOException {
        Path dir = Files.createTempDirectory("mia-output-property");
        try {
            Path work = dir.resolve("out");
            Path outside = Files.createDirectories(dir.resolve("outside"));
            Files.writeString(outside.resolve("x"), "outside");
            for (int i = 0; i < builds.size(); i++) {
                Map<String, Content> output = builds.get(i);
                Path spare = dir.resolve(".out.spare");
                boolean refused = notAnOutput(work) || notAnOutput(spare);
                if (refused) {
                    // The marker was deleted or replaced by a link: the tree is someone's, and left exactly as is.
                    Map<String, String> workBefore = TreeSnapshot.of(work);
                    Map<String, String> spareBefore = TreeSnapshot.of(spare);
                    assertThatThrownBy(() -> OutputTree.keepingSpare(work)).isInstanceOf(MiniascapeException.class)
                            .hasMessageContaining("is not a miniascape output")
                            .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(2));
                    assertThat(TreeSnapshot.of(work)).isEqualTo(workBefore);
                    assertThat(TreeSnapshot.of(spare)).isEqualTo(spareBefore);
                    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                            .isSubsetOf("out", ".out.spare", "outside");
                }
                try (OutputTree out = OutputTree.keepingSpare(work, refused)) {
                    assertThat(out.forced().isEmpty()).isEqualTo(!refused);
                    output.forEach((path, c) -> out.write(path, c.text(), c.executable()));
                    out.commit();
                }
                assertThat(read(work)).isEqualTo(withMarker(output));
                assertThat(read(outside)).containsOnlyKeys("x").containsEntry("x", new Content("outside", false));
                Path tree = picks.get(i) % 2 == 0 ? work : dir.resolve(".out.spare");
                if (Files.isDirectory(tree)) {
                    tamper(tree, tampers.get(i), picks.get(i), outside);
                }
            }
        } finally {
            OutputTree.deleteTree(dir);
        }
    }

    private static void tamper(Path tree, Tamper how, int pick, Path outside) throws IOException {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(tree)) {
            entries = walk.filter(p -> !p.equals(tree)).sorted().toList();
        }
        if (entries.isEmpty()) {
            return;
        }
        Path p = entries.get(pick % entries.size());
        boolean file = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
        if (Files.isSymbolicLink(p) && (how == Tamper.CHMOD || how == Tamper.EXTRA_FILE)) {
            return; // these would act on what the link points to: the outside, which only the build must not touch
        }
        switch (how) {
            case CHMOD -> Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions
                    .fromString(file ? "rw-------" : "rwx------"));
            case EDIT_IN_PLACE -> {
                if (file) {
                    Files.writeString(p, "edited", java.nio.file.StandardOpenOption.APPEND);
                }
            }
            case EXTRA_FILE -> Files.writeString((file ? p.getParent() : p).resolve("extra"), "extra");
            case LINK_TO_OUTSIDE -> {
                OutputTree.deleteTree(p);
                Files.createSymbolicLink(p, file ? outside.resolve("x") : outside);
            }
            case DELETE -> OutputTree.deleteTree(p);
            case NOTHING -> {
            }
        }
    }

    @Provide
    Arbitrary<List<Tamper>> tampers() {
        return Arbitraries.of(Tamper.class).list().ofSize(5);
    }

    @Provide
    Arbitrary<List<Integer>> picks() {
        return Arbitraries.integers().between(0, 1000).list().ofSize(5);
    }
}
