package org.miniascape.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.miniascape.libvirt.Hypervisor;

/**
 * Puts every file of a build output through the real program that reads it: libvirt's schemas, dnsmasq,
 * nft, bash and shellcheck, a JSON parser; and defines and starts every network on a private test driver.
 */
public final class ArtifactChecks {

    private ArtifactChecks() {
    }

    /** Checks the whole tree; {@code scratch} is a directory for the test-driver node file. */
    public static void checkBuildTree(Path out, Path scratch) {
        List<Path> files = files(out);
        assertThat(files).as("build output").isNotEmpty();
        for (Path f : files) {
            String rel = out.relativize(f).toString();
            if (rel.matches("networks/[^/]+\\.xml")) {
                Tools.virtXmlValidate(f, "network");
            } else if (rel.matches("guests/[^/]+/domain\\.xml")) {
                Tools.virtXmlValidate(f, "domain");
            } else if (rel.endsWith(".dnsmasq.conf")) {
                Tools.assertSucceeds("dnsmasq", "--test", "--conf-file=" + f);
            } else if (rel.equals("host/nftables.conf")) {
                Tools.assertSucceeds("nft", "-c", "-f", f.toString());
            } else if (rel.endsWith(".sh")) {
                Tools.assertSucceeds("bash", "-n", f.toString());
                Tools.assertSucceeds("shellcheck", "-s", "bash", f.toString());
            } else if (rel.endsWith(".json")) {
                try {
                    new ObjectMapper().readTree(f.toFile());
                } catch (IOException e) {
                    throw new AssertionError(rel + " is not valid JSON: " + e.getMessage(), e);
                }
            }
        }
        defineAndStartNetworks(out, scratch);
    }

    private static void defineAndStartNetworks(Path out, Path scratch) {
        List<Path> xmls = files(out).stream().filter(p -> out.relativize(p).toString().matches("networks/[^/]+\\.xml"))
                .toList();
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(scratch))) {
            for (Path xml : xmls) {
                String name = hv.defineNetwork(Files.readString(xml));
                hv.startNetwork(name);
                assertThat(hv.network(name)).as(name).hasValueSatisfying(s -> assertThat(s.active()).isTrue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
