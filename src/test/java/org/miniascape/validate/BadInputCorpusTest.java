package org.miniascape.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.testing.Cli;
import org.miniascape.testing.Golden;

/**
 * One bad configuration per validation rule, named by the stage that must catch it (parse-, validate-,
 * resolve-), like libvirt's expected-failure cases; a case too large to keep is stored as NAME.yml.gz. Each must exit 2, print exactly the expected
 * FILE:LINE:COLUMN lines, and leave an existing work directory exactly as it was.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Golden.RESOURCES.resolve("bad-input");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yml") || n.endsWith(".yml.gz"))
                    .map(n -> n.substring(0, n.indexOf(".yml"))).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildRefusesAndLeavesWorkdirUntouched(String name, @TempDir Path dir) throws IOException {
        Path config = dir.resolve(name + ".yml");
        Path gzipped = CORPUS.resolve(name + ".yml.gz");
        if (Files.exists(gzipped)) {
            // A case too large to keep as it is (a file over the size limit): stored compressed.
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
                Files.copy(in, config);
            }
        } else {
            Files.copy(CORPUS.resolve(name + ".yml"), config);
        }
        Path workdir = dir.resolve("out");
        Files.createDirectories(workdir.resolve("networks"));
        Files.writeString(workdir.resolve("networks/previous.xml"), "<network/>\n");

        Cli.Run run = Cli.run("build", "-C", config.toString(), "-w", workdir.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        List<String> expected = Files.readAllLines(CORPUS.resolve(name + ".expected"), StandardCharsets.UTF_8);
        assertThat(expected).as("expected errors of " + name).isNotEmpty();
        String prefix = dir + "/";
        List<String> printed = run.err().lines()
                .filter(l -> l.contains(": error: "))
                .map(l -> l.replace(prefix, ""))
                .toList();
        assertThat(printed).containsExactlyElementsOf(expected);
        assertThat(run.err()).contains("nothing was written");
        assertThat(run.out()).isEmpty();
        try (Stream<Path> left = Files.walk(dir)) {
            assertThat(left.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted())
                    .containsExactlyInAnyOrder(name + ".yml", "out/networks/previous.xml");
        }
        assertThat(Files.readString(workdir.resolve("networks/previous.xml"))).isEqualTo("<network/>\n");
    }
}
