package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.resolve.GuestVolumes;

/** The facts of a guest's domain, taken from the model, are the facts of the XML that build writes for it. */
class DomainFactsTest {

    /** Every site of the test resources: the embedded one, the build scenarios and the guest scenarios. */
    static Stream<String> sites() throws IOException {
        List<String> out = new ArrayList<>(List.of(""));
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/scenarios"))) {
            s.map(d -> d.resolve("config")).filter(Files::isDirectory).sorted().forEach(d -> out.add(d.toString()));
        }
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/guests-config"))) {
            s.filter(f -> !f.getFileName().toString().equals("site.yml")).sorted()
                    .forEach(f -> out.add("src/test/resources/guests-config/site.yml," + f));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("sites")
    void ofTheModelIsParseOfTheWrittenXml(String paths) {
        Site site = SiteLoader.load(paths.isEmpty() ? List.of() : List.of(paths.split(",")));
        assertThat(site.guests()).isNotEmpty();
        for (Guest g : site.guests()) {
            assertThat(DomainFacts.of(g)).as(g.name())
                    .isEqualTo(DomainFacts.parse(GuestVolumes.domainXml(g, site)));
        }
    }
}
