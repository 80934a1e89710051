package org.miniascape.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;

/** Executor.attach (inherited stdio) and Programs.find. */
class ExecutorTest {

    @Test
    void attachReturnsTheProgramsExitCodeAndAppliesDirectoryAndEnvironment(@TempDir Path dir) throws IOException {
        Executor executor = new Executor();
        assertThat(executor.attach(Command.of("sh", "-c", "exit 7"))).isEqualTo(7);
        // The session's own output goes to this process's stdout; what it did is checked through a file.
        assertThat(executor.attach(Command.of("sh", "-c", "echo \"$X\" > \"$PWD/seen\"").in(dir).env("X", "ok")))
                .isZero();
        assertThat(Files.readString(dir.resolve("seen"))).isEqualTo("ok\n");
    }

    @Test
    void attachRefusesStdinTextAndReportsAMissingProgramAsAFailedOperation() {
        Executor executor = new Executor();
        assertThatThrownBy(() -> executor.attach(Command.of("cat").stdin("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> executor.attach(Command.of("/nonexistent/ssh")))
                .isInstanceOfSatisfying(MiniascapeException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessageStartingWith("cannot run /nonexistent/ssh: ");
    }

    @Test
    void findLooksOnPathForAnExecutableFileOnly(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("dot"), "not executable");
        Files.createDirectories(a.resolve("sub"));
        Path dot = Files.writeString(b.resolve("dot"), "#!/bin/sh\n");
        dot.toFile().setExecutable(true);
        assertThat(Programs.find("dot", a + "::" + b)).contains(dot);
        assertThat(Programs.find("dot", a.toString())).isEmpty();
        assertThat(Programs.find("sub", a.toString())).isEmpty();
        assertThat(Programs.find("dot", null)).isEmpty();
        assertThat(Programs.find("b/dot", dir.toString())).isEmpty();
    }
}
