package org.miniascape.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.Cli;

/** miniascape-site(5), written by hand, stays true to the keys the reader accepts, and its example is valid. */
class SitePageTest {
    static final Path PAGE = Paths.get("").toAbsolutePath().resolve("src/main/man/miniascape-site.5");

    @Test
    void thePageNamesEveryKeyInBold() throws IOException {
        String page = Files.readString(PAGE);
        Map<String, Set<String>> kinds = Map.ofEntries(Map.entry("site", Keys.SITE), Map.entry("network", Keys.NETWORK),
                Map.entry("dhcp", Keys.DHCP), Map.entry("range", Keys.RANGE), Map.entry("dns", Keys.DNS),
                Map.entry("dns host", Keys.DNS_HOST), Map.entry("host", Keys.HOST), Map.entry("pool", Keys.POOL),
                Map.entry("guest", Keys.GUEST), Map.entry("group", Keys.GROUP), Map.entry("disk", Keys.DISK),
                Map.entry("interface", Keys.INTERFACE), Map.entry("install", Keys.INSTALL),
                Map.entry("services", Keys.SERVICES), Map.entry("console", Keys.CONSOLE),
                Map.entry("template", Keys.TEMPLATE), Map.entry("site host", Keys.SITE_HOST),
                Map.entry("user", Keys.USER), Map.entry("partitioning", Keys.PARTITIONING));
        List<String> missing = new ArrayList<>();
        kinds.forEach((kind, keys) -> keys.stream()
                .filter(k -> !page.contains("\\fB" + k.replace("-", "\\-") + "\\fR"))
                .forEach(k -> missing.add(kind + ": " + k)));
        assertThat(missing).as("keys the page does not name").isEmpty();
        assertThat(page).contains("\\fB" + Keys.EXTENSION_PREFIX.replace("-", "\\-") + "\\fR");
    }

    @Test
    void theExampleValidates(@TempDir Path dir) throws IOException {
        String page = Files.readString(PAGE);
        String section = page.substring(page.indexOf(".SH EXAMPLE"));
        String example = section.substring(section.indexOf(".nf\n") + 4, section.indexOf(".fi\n"))
                .replace("\\-", "-");
        assertThat(example).startsWith("site: ").doesNotContain("\\");
        Path file = dir.resolve("lab.yml");
        Files.writeString(file, example);
        Cli.Run run = Cli.run("validate", "-C", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("site lab is valid: 1 network, 2 guests");
    }
}
