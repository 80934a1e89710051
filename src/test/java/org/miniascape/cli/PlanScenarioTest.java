package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.testing.Cli;
import org.miniascape.testing.Golden;

/**
 * Named plan scenarios through the CLI, one layout for all (see {@code src/test/resources/plan/README.md}):
 * {@code plan/NAME/site.yml} (the desired site) and {@code plan/NAME/host.xml} (the host, a libvirt test-driver
 * node file) → {@code miniascape plan -C site.yml --connect test:///…/node.xml [args]}, in text and with
 * {@code -o json} → stdout against {@code expected.txt} / {@code expected.json}, stderr of the text run against
 * {@code expected.err}, the exit code against {@code expected.exit}. {@code @DIR@} in the inputs is the test's
 * temp dir, and the temp dir in the output is {@code @DIR@} again. Regenerate with
 * {@code -Dminiascape.regenerate=true} and review the diff.
 */
class PlanScenarioTest {
    static final Path PLAN = Golden.RESOURCES.resolve("plan");
    static final String DIR = "@DIR@";

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(PLAN)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** {@code plan} of the scenario in {@code dir}, with {@code extra} arguments after the scenario's own. */
    static Cli.Run plan(String scenario, Path dir, String... extra) throws IOException {
        Path from = PLAN.resolve(scenario);
        Path site = dir.resolve("site.yml");
        Path node = dir.resolve("node.xml");
        Files.writeString(site, read(from.resolve("site.yml")).replace(DIR, dir.toString()), StandardCharsets.UTF_8);
        Files.writeString(node, read(from.resolve("host.xml")).replace(DIR, dir.toString()), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("plan", "-C", site.toString(), "--connect", "test://" + node));
        Path argsFile = from.resolve("args");
        if (Files.exists(argsFile)) {
            read(argsFile).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(args::add);
        }
        args.addAll(List.of(extra));
        Cli.Run r = Cli.run(args.toArray(String[]::new));
        return new Cli.Run(r.exitCode(), r.out().replace(dir.toString(), DIR), r.err().replace(dir.toString(), DIR));
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void textPlanMatchesGoldenFiles(String scenario, @TempDir Path dir) throws IOException {
        Cli.Run run = plan(scenario, dir);
        Golden.assertMatches("plan/" + scenario + "/expected.txt", run.out());
        Golden.assertMatches("plan/" + scenario + "/expected.err", run.err());
        Golden.assertMatches("plan/" + scenario + "/expected.exit", run.exitCode() + "\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void jsonPlanMatchesGoldenFileWithTheSameExitCode(String scenario, @TempDir Path dir) throws IOException {
        Cli.Run run = plan(scenario, dir, "-o", "json");
        Golden.assertMatches("plan/" + scenario + "/expected.json", run.out());
        if (!Golden.regenerating()) {
            assertThat(run.exitCode() + "\n").as(run.err())
                    .isEqualTo(read(PLAN.resolve(scenario).resolve("expected.exit")));
        }
    }

    @Test
    void everyScenarioHasTheWholeLayout() throws IOException {
        List<String> names = scenarios().toList();
        assertThat(names).contains("empty-host", "in-sync", "reservation-changed", "network-drift",
                "network-drift-force", "foreign-lookalikes", "other-site", "missing-base-image", "destroy",
                "cloud-init-guest", "shared-disk", "shared-disk-destroy");
        for (String s : names) {
            for (String f : List.of("site.yml", "host.xml", "expected.txt", "expected.err", "expected.exit",
                    "expected.json")) {
                assertThat(PLAN.resolve(s).resolve(f)).as(s + "/" + f).exists();
            }
        }
    }
}
