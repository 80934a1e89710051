package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.Cli;

/** The command line itself: help, usage errors, exit codes. */
class CliTest {

    @Test
    void helpListsCommandsAndExitCodes() {
        Cli.Run run = Cli.run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("build", "validate", "Exit codes:",
                "2  bad usage or bad configuration", "3  the host is not in the expected state", "4  internal error");
    }

    @Test
    void unknownOptionIsUsageErrorWithSuggestion() {
        Cli.Run run = Cli.run("build", "--wokdir", "x");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option", "--wokdir");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownCommandIsUsageError() {
        Cli.Run run = Cli.run("biuld");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("biuld", "build");
    }

    @Test
    void validatePrintsASummaryAndWritesNothing(@TempDir Path dir) throws IOException {
        Path site = dir.resolve("site.yml");
        Files.writeString(site, "site: s\nnetworks: [{name: a, cidr: 198.51.100.0/24}]\n");
        Cli.Run run = Cli.run("validate", "-C", site.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("site s is valid: 1 network, 0 guests, 0 DHCP reservations\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(site);
        }
    }

    @Test
    void missingConfigFileIsExit2(@TempDir Path dir) {
        Cli.Run run = Cli.run("validate", "-C", dir.resolve("nope.yml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("miniascape: error: -C " + dir.resolve("nope.yml"));
    }

    @Test
    void aWorkdirBelowAFileIsBadUsageAndLeavesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        Cli.Run run = Cli.run("build", "-w", file.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("miniascape: error: cannot write the output " + file.resolve("out") + ": "
                + file + " is not a directory\n");
        assertThat(file).hasContent("x");
    }

    /** Running out of heap is a failed operation with a clear message and nothing half-written, not a crash. */
    @Test
    void outOfMemoryIsAClearFailureThatLeavesTheWorkdir(@TempDir Path dir) throws Exception {
        StringBuilder site = new StringBuilder("site: big\nnetworks:\n  - {name: n, mode: nat, cidr: 10.8.0.0/16, "
                + "dhcp: {static: {start: 10.8.0.10, end: 10.8.250.250}}}\nguests:\n");
        for (int i = 0; i < 4000; i++) {
            site.append("  - {name: g").append(i).append(", interfaces: [{network: n}]}\n");
        }
        Path config = Files.writeString(dir.resolve("big.yml"), site);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("kept"), "previous");
        Files.writeString(out.resolve(".miniascape-output"), "an earlier build's\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx24m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "build", "-C", config.toString(), "-w", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(false).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isEqualTo(ExitCode.FAILED);
        assertThat(err).startsWith("miniascape: error: out of memory").contains("MINIASCAPE_HEAP")
                .doesNotContain("\tat ");
        assertThat(out.resolve("kept")).hasContent("previous");
        try (var beside = Files.list(dir)) {
            assertThat(beside.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("big.yml", "out");
        }
    }
}
