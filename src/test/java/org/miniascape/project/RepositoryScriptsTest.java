package org.miniascape.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.testing.Tools;

/**
 * The repository's own shell scripts — the launcher the README's first command runs, the test and CI entry
 * points, the benchmarks — pass {@code bash -n} and shellcheck, as the generated scripts do.
 */
class RepositoryScriptsTest {
    static final Path ROOT = Paths.get("").toAbsolutePath();

    static Stream<String> scripts() throws IOException {
        List<String> scripts = new ArrayList<>(List.of("miniascape", "test.sh", ".ci/run"));
        try (Stream<Path> bench = Files.list(ROOT.resolve("bench"))) {
            bench.filter(p -> p.toString().endsWith(".sh")).sorted()
                    .forEach(p -> scripts.add(ROOT.relativize(p).toString()));
        }
        return scripts.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void passesBashAndShellcheck(String script) {
        Path file = ROOT.resolve(script);
        assertThat(file).isRegularFile().isExecutable();
        Tools.assertSucceeds("bash", "-n", file.toString());
        // -x: follow what a script sources (bench/site-gen.bash), named relative to the repository root.
        Tools.assertSucceeds("shellcheck", "--shell=bash", "-x", file.toString());
    }

    /**
     * The launcher's JVM flags for each kind of command are accepted by this JVM: it runs from a copy of the
     * repository with a stand-in {@code java} first on PATH, which answers the class-data training and dump
     * runs itself and hands every real run's JVM flags to the real {@code java -version}. (A flag the JVM
     * refuses stops every run of that command: the full JIT of repack once got C1's single compiler thread; and
     * training runs that left no class list once ended the launcher silently.)
     */
    @ParameterizedTest(name = "{0}, class lists {1}")
    @org.junit.jupiter.params.provider.CsvSource({"build, yes", "repack, yes", "convert, yes", "--version, yes",
        "build, no"})
    void theLaunchersJvmFlagsAreAcceptedByTheJvm(String command, String lists,
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.copy(ROOT.resolve("miniascape"), dir.resolve("miniascape"));
        Files.createDirectories(dir.resolve("target/lib"));
        Files.writeString(dir.resolve("target/miniascape.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(bin.resolve("java"), String.join("\n",
                "#!/bin/bash",
                "flags=()",
                "for a in \"$@\"; do",
                "  case $a in",
                "    -Xshare:dump) for b in \"$@\"; do [[ $b == -XX:SharedArchiveFile=* ]] && : > \"${b#*=}\"; done; exit 0 ;;",
                "    -XX:DumpLoadedClassList=*) [[ -n $LISTS ]] && : > \"${a#*=}\"; exit 0 ;;",
                "    -jar) exec '" + realJava + "' \"${flags[@]}\" -version ;;",
                "  esac",
                "  flags+=(\"$a\")",
                "done",
                "exit 99",
                ""));
        bin.resolve("java").toFile().setExecutable(true);
        dir.resolve("miniascape").toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("miniascape").toString(), command);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        // "no": every training run fails to write its class list; the command still runs, without an archive.
        pb.environment().put("LISTS", lists.equals("yes") ? "1" : "");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor()).as(out).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(out).contains("OpenJDK").doesNotContain("Error");
    }
}
