package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.testing.ArtifactChecks;
import org.miniascape.testing.Cli;
import org.miniascape.testing.Golden;
import org.miniascape.testing.TreeSnapshot;

/**
 * Named scenarios end to end through the CLI: {@code scenarios/NAME/config/} (absent: the embedded default
 * site) → {@code build} → every file against {@code scenarios/NAME/expected/}, and every file through the real
 * tool that reads it. Regenerate with {@code -Dminiascape.regenerate=true} and review the diff.
 */
class BuildScenarioTest {
    static final Path SCENARIOS = Golden.RESOURCES.resolve("scenarios");

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Cli.Run build(String scenario, Path workdir) {
        List<String> args = new ArrayList<>(List.of("build", "-w", workdir.toString()));
        Path config = SCENARIOS.resolve(scenario).resolve("config");
        if (Files.isDirectory(config)) {
            args.addAll(List.of("-C", config.toString()));
        }
        return Cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void outputMatchesGoldenFiles(String scenario, @TempDir Path dir) {
        Path out = dir.resolve("out");
        Cli.Run run = build(scenario, out);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        Golden.assertTreeMatches("scenarios/" + scenario + "/expected", out);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyFileIsAcceptedByTheToolThatReadsIt(String scenario, @TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        assertThat(build(scenario, out).exitCode()).isZero();
        ArtifactChecks.checkBuildTree(out, Files.createDirectories(dir.resolve("driver")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void twoBuildsAreByteIdentical(String scenario, @TempDir Path dir) {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(build(scenario, a).exitCode()).isZero();
        assertThat(build(scenario, b).exitCode()).isZero();
        List<Path> filesA = ArtifactChecks.files(a);
        assertThat(ArtifactChecks.files(b).stream().map(b::relativize).toList())
                .isEqualTo(filesA.stream().map(a::relativize).toList());
        for (Path f : filesA) {
            assertThat(b.resolve(a.relativize(f))).hasSameBinaryContentAs(f);
        }
    }

    /** A build with this PATH (where dot is looked for), in process. */
    static Cli.Run buildWithPath(String path, Path workdir) {
        return Cli.run(Map.of("PATH", path), Path.of("."), "build", "-w", workdir.toString(), "-C",
                SCENARIOS.resolve("per-network-domains/config").toString());
    }

    @Test
    void theTopologySvgIsDrawnByDotOnPathAndLeftOutWithoutIt(@TempDir Path dir) throws IOException {
        Path without = dir.resolve("without");
        Cli.Run noDot = buildWithPath(dir.resolve("empty-bin").toString(), without);
        assertThat(noDot.exitCode()).as(noDot.err()).isZero();
        assertThat(noDot.err()).isEmpty();
        assertThat(without.resolve("host/topology.dot")).exists();
        assertThat(without.resolve("host/topology.svg")).doesNotExist();

        // The dot of the machine (graphviz is one of the packages the tests need).
        Path with = dir.resolve("with");
        Cli.Run real = buildWithPath(System.getenv("PATH"), with);
        assertThat(real.exitCode()).as(real.err()).isZero();
        assertThat(Files.readString(with.resolve("host/topology.svg"))).contains("<svg", "<title>multi</title>",
                "198.51.100.10", "dhcp");
        ArtifactChecks.checkTopology(with.resolve("host/topology.dot"), with.resolve("host/topology.svg"));
        // Everything else is what a build without dot writes.
        assertThat(ArtifactChecks.files(with).stream().map(with::relativize).map(Path::toString)
                .filter(f -> !f.equals("host/topology.svg")).toList())
                .isEqualTo(ArtifactChecks.files(without).stream().map(without::relativize).map(Path::toString).toList());
    }

    @Test
    void aDotThatFailsFailsTheBuildAndWritesNothing(@TempDir Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path dot = Files.writeString(bin.resolve("dot"), "#!/bin/sh\necho 'Format: \"svg\" not recognized' >&2\nexit 1\n");
        dot.toFile().setExecutable(true);
        Path out = dir.resolve("out");
        Cli.Run run = buildWithPath(bin.toString(), out);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("miniascape: error: cannot draw host/topology.svg: " + dot + " -Tsvg (on"
                + " host/topology.dot) exited 1: Format: \"svg\" not recognized; fix or remove that graphviz"
                + " installation (the svg is made only where dot is installed)\n");
        assertThat(out).doesNotExist();
    }

    @Test
    void aNewBuildReplacesTheWholeWorkdirAndKeepsTheOldTreeOnlyAsTheSpare(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("networks"));
        Files.writeString(out.resolve("networks/stale-network.xml"), "<network/>\n");
        Files.writeString(out.resolve(".miniascape-output"), "an earlier build's\n");
        Cli.Run run = build("default-site", out);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(out.resolve("networks/stale-network.xml")).doesNotExist();
        assertThat(out.resolve("site.json")).exists();
        // No staging directory left; the replaced tree is the next build's spare.
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", ".out.spare");
        }
        assertThat(dir.resolve(".out.spare/networks/stale-network.xml")).exists();
        assertThat(run.out()).contains("built site lab into " + out);
    }

    /**
     * Rebuilding over the previous output: unchanged, nothing is touched; after a change, the result is what a
     * build into an empty directory gives, and the files that did not change keep their inodes.
     */
    @Test
    void aRebuildTouchesOnlyWhatChanged(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        assertThat(build("default-site", out).exitCode()).isZero();
        Cli.Run again = build("default-site", out);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("all unchanged");
        Object siteJson = Files.getAttribute(out.resolve("site.json"), "unix:ino");
        Object preseed = Files.getAttribute(out.resolve("guests/debian-client/preseed.cfg"), "unix:ino");

        Path defaults = dir.resolve("default.yml");
        try (var in = org.miniascape.config.SiteLoader.class.getResourceAsStream("/org/miniascape/site/default.yml")) {
            Files.write(defaults, in.readAllBytes());
        }
        // The default site with one more guest at the end of its list (the file ends with the guests).
        String site = Files.readString(defaults);
        Files.writeString(defaults, site + "  - name: extra-guest\n    interfaces: [{network: net-1}]\n");
        Cli.Run rebuilt = Cli.run("build", "-w", out.toString(), "-C", defaults.toString());
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).doesNotContain("unchanged");
        Path fresh = dir.resolve("fresh");
        assertThat(Cli.run("build", "-w", fresh.toString(), "-C", defaults.toString()).exitCode()).isZero();
        List<Path> files = ArtifactChecks.files(fresh);
        assertThat(ArtifactChecks.files(out).stream().map(out::relativize).toList())
                .isEqualTo(files.stream().map(fresh::relativize).toList());
        for (Path f : files) {
            assertThat(out.resolve(fresh.relativize(f))).hasSameBinaryContentAs(f);
        }
        assertThat(out.resolve("guests/extra-guest/domain.xml")).exists();
        // site.json lists the new guest; the Debian guest's preseed is the same file as before.
        assertThat(Files.getAttribute(out.resolve("site.json"), "unix:ino")).isNotEqualTo(siteJson);
        assertThat(Files.getAttribute(out.resolve("guests/debian-client/preseed.cfg"), "unix:ino")).isEqualTo(preseed);
    }

    private static Cli.Run build(Path workdir, List<String> more) {
        List<String> args = new ArrayList<>(List.of("build", "-w", workdir.toString()));
        args.addAll(more);
        return Cli.run(args.toArray(String[]::new));
    }

    /** A user's directory, as in the report: a thesis below docs/. */
    private static void usersFiles(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("docs"));
        Files.writeString(tree.resolve("docs/thesis.txt"), "chapter 1\n");
    }

    @Test
    void aWorkdirOrSpareThatIsNotAnOutputIsRefusedUntouchedAndReplacedOnlyWithForce(@TempDir Path dir)
            throws IOException {
        Path out = dir.resolve("out");
        usersFiles(out);
        Map<String, String> before = TreeSnapshot.of(dir);
        Cli.Run refused = build("default-site", out);
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("miniascape: error: " + out + " exists and is not a miniascape output "
                + "(it has no .miniascape-output; it holds docs): nothing was changed; choose another directory, or "
                + "give --force to replace it and remove what it holds\n");
        assertThat(refused.out()).isEmpty();
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);

        Cli.Run forced = Cli.run("build", "-w", out.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.err()).isEqualTo("miniascape: note: --force: " + out + " is not a miniascape output; its 1 "
                + "entry (docs) is removed\n");
        assertThat(out.resolve("docs")).doesNotExist();
        assertThat(out.resolve(".miniascape-output")).exists();
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("out"); // not kept as spare
        }

        // The measured loss: a user's tree where the spare goes, then a changed build. Refused, not emptied.
        usersFiles(dir.resolve(".out.spare"));
        Path changed = dir.resolve("changed.yml");
        Files.writeString(changed, "site: other\n");
        before = TreeSnapshot.of(dir);
        Cli.Run spare = Cli.run("build", "-w", out.toString(), "-C", changed.toString());
        assertThat(spare.exitCode()).as(spare.err()).isEqualTo(2);
        assertThat(spare.err()).startsWith("miniascape: error: " + dir.resolve(".out.spare") + " (the spare tree that "
                + "a build of " + out + " writes into) exists and is not a miniascape output").contains("--force");
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
    }

    @Test
    void aWorkdirThatIsAFileALinkOrTheRootIsRefusedAndLeftAsItIs(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine\n");
        Path target = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Map<String, String> before = TreeSnapshot.of(dir);
        for (List<String> force : List.of(List.<String>of(), List.of("--force"))) {
            Cli.Run onFile = build(file, force);
            assertThat(onFile.exitCode()).as(onFile.err()).isEqualTo(2);
            assertThat(onFile.err()).startsWith("miniascape: error: " + file + " exists and is not a directory: it is "
                    + "left as it is");
            Cli.Run onLink = build(link, force);
            assertThat(onLink.exitCode()).as(onLink.err()).isEqualTo(2);
            assertThat(onLink.err()).startsWith("miniascape: error: " + link + " is a symbolic link");
            Cli.Run onRoot = build(Path.of("/"), force);
            assertThat(onRoot.exitCode()).as(onRoot.err()).isEqualTo(2);
            assertThat(onRoot.err()).startsWith("miniascape: error: / cannot be an output directory")
                    .doesNotContain("Exception");
        }
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
    }
}
