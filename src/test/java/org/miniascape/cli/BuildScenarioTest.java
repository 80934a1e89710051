package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.testing.ArtifactChecks;
import org.miniascape.testing.Cli;
import org.miniascape.testing.Golden;

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

    @Test
    void aNewBuildReplacesTheWholeWorkdirAndKeepsTheOldTreeOnlyAsTheSpare(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("networks"));
        Files.writeString(out.resolve("networks/stale-network.xml"), "<network/>\n");
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
}
