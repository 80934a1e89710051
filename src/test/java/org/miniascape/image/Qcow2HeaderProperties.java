package org.miniascape.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.miniascape.testing.Tools;

/** Header fields read by us equal qemu-img's, over cluster sizes, versions, sizes and backing names. */
class Qcow2HeaderProperties {

    @Property(tries = 20)
    void headerMatchesQemuImgInfo(@ForAll("clusterBits") int clusterBits, @ForAll boolean v3,
                                  @ForAll("sizes") long size, @ForAll("backingNames") Optional<String> backing,
                                  @ForAll("formats") String backingFormat) throws Exception {
        Path dir = Files.createTempDirectory("qcow2-prop-");
        try {
            Path image = dir.resolve("p.qcow2");
            String options = "cluster_size=" + (1 << clusterBits) + ",compat=" + (v3 ? "1.1" : "0.10");
            if (backing.isPresent()) {
                // -u: the backing file need not exist; only the header is under test.
                Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-o", options, "-u", "-b",
                        backing.get(), "-F", backingFormat, image.toString(), Long.toString(size));
            } else {
                Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-o", options, image.toString(),
                        Long.toString(size));
            }

            ImageInfo ours = new ImageReader().read(image);

            JsonNode theirs = new ObjectMapper().readTree(Tools.assertSucceeds("qemu-img", "info", "--output=json",
                    image.toString()).stdout());
            assertThat(ours.virtualSize()).isEqualTo(theirs.get("virtual-size").asLong());
            assertThat(ours.clusterSize()).contains(theirs.get("cluster-size").asInt());
            assertThat(ours.compat()).contains(theirs.at("/format-specific/data/compat").asText());
            assertThat(ours.backingName()).isEqualTo(Optional.ofNullable(theirs.get("backing-filename"))
                    .map(JsonNode::asText));
            assertThat(ours.backingFormat()).isEqualTo(Optional.ofNullable(theirs.get("backing-filename-format"))
                    .map(JsonNode::asText));
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Provide
    Arbitrary<Integer> clusterBits() {
        return Arbitraries.integers().between(9, 21);
    }

    @Provide
    Arbitrary<Long> sizes() {
        // qemu-img rounds to 512-byte sectors; up to 64 GiB (what 512-byte clusters can address).
        return Arbitraries.longs().between(1, 1L << 27).map(s -> s * 512);
    }

    @Provide
    Arbitrary<Optional<String>> backingNames() {
        Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ019._- ").ofMinLength(1).ofMaxLength(40)
                .filter(s -> !s.isBlank() && !s.contains(":"));
        Arbitrary<String> path = Arbitraries.oneOf(name, name.map(n -> "../" + n), name.map(n -> "/srv/images/" + n),
                name.map(n -> "sub dir/" + n));
        return path.optional(0.8);
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of("qcow2", "raw");
    }
}
