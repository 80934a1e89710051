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
        Tools.assertSucceeds("shellcheck", "--shell=bash", file.toString());
    }
}
