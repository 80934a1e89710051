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
        List<String> scripts = new ArrayList<>(List.of("miniascape", "test.sh", ".ci/run",
                "src/main/sh/miniascape", "packaging/build-packages.sh", "src/test/sh/debian-image.sh",
                "src/test/sh/minimal-guest.bash"));
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
     * The launchers' JVM flags for each kind of command are accepted by this JVM: the checkout's launcher runs
     * from a copy of the repository, the packages' one from a copy of the installed layout (BIN/../share/miniascape,
     * the archive in XDG_CACHE_HOME), each with a stand-in {@code java} first on PATH, which answers the class-data training and dump
     * runs itself and hands every real run's JVM flags to the real {@code java -version}. (A flag the JVM
     * refuses stops every run of that command: the full JIT of repack once got C1's single compiler thread; and
     * training runs that left no class list once ended the launcher silently.)
     */
    @ParameterizedTest(name = "{0}: {1}, class lists {2}")
    @org.junit.jupiter.params.provider.CsvSource({"checkout, build, yes", "checkout, repack, yes",
        "checkout, convert, yes", "checkout, --version, yes", "checkout, build, no", "installed, build, yes",
        "installed, repack, yes", "installed, build, no", "installed-relative-xdg, build, yes"})
    void theLaunchersJvmFlagsAreAcceptedByTheJvm(String launcher, String command, String lists,
            @org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path script;
        Path jsa;
        if (launcher.equals("checkout")) {
            script = dir.resolve("miniascape");
            Files.copy(ROOT.resolve("miniascape"), script);
            Files.createDirectories(dir.resolve("src/main/sh"));
            Files.copy(ROOT.resolve("src/main/sh/launcher.bash"), dir.resolve("src/main/sh/launcher.bash"));
            Files.createDirectories(dir.resolve("target/lib"));
            Files.writeString(dir.resolve("target/miniascape.jar"), "");
            jsa = dir.resolve("target/miniascape.jsa");
        } else {
            script = Files.createDirectories(dir.resolve("usr/bin")).resolve("miniascape");
            Files.copy(ROOT.resolve("src/main/sh/miniascape"), script);
            Path share = Files.createDirectories(dir.resolve("usr/share/miniascape/lib")).getParent();
            Files.copy(ROOT.resolve("src/main/sh/launcher.bash"), share.resolve("launcher.bash"));
            Files.writeString(share.resolve("miniascape.jar"), "");
            // A relative XDG_CACHE_HOME is ignored, as the XDG specification says: then ~/.cache.
            jsa = dir.resolve(launcher.equals("installed") ? "cache" : "home/.cache")
                    .resolve("miniascape/miniascape.jsa");
        }
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
        script.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder(script.toString(), command).directory(dir.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("XDG_CACHE_HOME", launcher.equals("installed-relative-xdg") ? "cache"
                : dir.resolve("cache").toString());
        pb.environment().put("HOME", dir.resolve("home").toString());
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
        // The stand-in dump writes an empty archive exactly when the training runs left class lists.
        if (lists.equals("yes")) {
            assertThat(jsa).isRegularFile();
        } else {
            assertThat(jsa).doesNotExist();
        }
    }
}
