package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.miniascape.testing.Cli;

/** --version prints the project's version and the commit the build was made from. */
class VersionTest {
    static final String PROJECT_VERSION = System.getProperty("miniascape.projectVersion");
    static final Path ROOT = Paths.get("").toAbsolutePath();

    @Test
    void theVersionLineHasTheProjectVersionAndTheCommit() throws Exception {
        assertThat(PROJECT_VERSION).as("set by surefire from the POM").isNotBlank();
        Cli.Run run = Cli.run("--version");
        assertThat(run.exitCode()).isZero();
        String line = run.out().strip();
        assertThat(line).startsWith("miniascape " + PROJECT_VERSION).doesNotContain("development build");
        Process git = new ProcessBuilder("git", "-C", ROOT.toString(), "rev-parse", "HEAD")
                .redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).strip();
        if (git.waitFor() == 0) {
            // The commit of the build: HEAD when it was made (the build ran just before the tests).
            assertThat(line).matches("miniascape \\Q" + PROJECT_VERSION + "\\E \\(git [0-9a-f]{12}(-dirty)?\\)");
            String commit = line.replaceAll(".*\\(git ([0-9a-f]{12}).*", "$1");
            assertThat(head).startsWith(commit);
        } else {
            assertThat(line).isEqualTo("miniascape " + PROJECT_VERSION);
        }
    }

    @Test
    void theLineWithoutACommitOrAVersion() {
        assertThat(VersionProvider.line("1.2.0", "")).isEqualTo("miniascape 1.2.0");
        assertThat(VersionProvider.line("1.2.0", null)).isEqualTo("miniascape 1.2.0");
        assertThat(VersionProvider.line("1.3.0-SNAPSHOT", "0123456789ab-dirty\n"))
                .isEqualTo("miniascape 1.3.0-SNAPSHOT (git 0123456789ab-dirty)");
        assertThat(VersionProvider.line(null, "")).isEqualTo("miniascape (unknown version)");
    }

    /** The resource the version comes from is among the built classes, so the jar holds it too. */
    @Test
    void theBuildInfoResourceIsBuiltWithTheClasses() throws IOException {
        Path info = ROOT.resolve("target/classes/org/miniascape/cli/" + VersionProvider.BUILD_INFO);
        assertThat(info).isRegularFile();
        assertThat(Files.readString(info)).contains("version=" + PROJECT_VERSION);
    }
}
