package org.miniascape.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How the packages stand on each other, as the sources say it: the rules the design keeps. */
class LayersTest {
    static final Path MAIN = Path.of("src/main/java/org/miniascape");

    /** FILE:LINE: TEXT of every line of the package's sources (all of them: {@code ""}) matching {@code regex}. */
    static List<String> lines(String pkg, String regex) throws IOException {
        Pattern p = Pattern.compile(regex);
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().flatMap(f -> {
                try {
                    List<String> text = Files.readAllLines(f);
                    return java.util.stream.IntStream.range(0, text.size()).filter(i -> p.matcher(text.get(i)).find())
                            .mapToObj(i -> f + ":" + (i + 1) + ": " + text.get(i).strip());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void theLibvirtLayerDependsOnTheModelNeverOnTheRenderers() throws IOException {
        assertThat(lines("libvirt", "^import org\\.miniascape\\.render\\.")).isEmpty();
    }

    @Test
    void noDomOutsideTheXmlLayer() throws IOException {
        assertThat(lines("", "org\\.w3c\\.dom|DocumentBuilder|javax\\.xml\\.transform")).isEmpty();
    }

    @Test
    void aDryRunIsAPlanNotAFlagOfTheLibvirtLayer() throws IOException {
        assertThat(lines("libvirt", "(?i)dry_?run")).isEmpty();
    }

    @Test
    void onlyTheExecutorChangesLibvirt() throws IOException {
        // The planner reads through HostReader; the calls that change libvirt are made by Steps, run by the
        // executor (and by the Hypervisor itself, which implements them).
        List<String> calls = lines("libvirt", "hv\\.(define|undefine|start|stop|update|build|create|delete|set)"
                + "[A-Z]\\w*\\(");
        assertThat(calls).isNotEmpty().allMatch(l -> l.contains("/Step.java:"));
    }
}
