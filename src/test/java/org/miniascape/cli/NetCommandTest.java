package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Site;
import org.miniascape.testing.TestDriver;
import org.miniascape.xml.NetworkXml;

/**
 * {@code net ...} in process against the test driver. Each CLI run opens its own connection, and the test driver
 * starts every connection from node.xml, so each test prepares the host state in node.xml.
 */
class NetCommandTest {
    static final Path SITE = Path.of("src/test/resources/apply/site.yml").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    static Site site(String yaml) {
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", yaml)));
    }

    /** The host already has the site's networks, as the site defined them before {@code edit}. */
    String hostWithSiteNetworks() throws Exception {
        Site s = site(Files.readString(SITE));
        return TestDriver.uri(dir, s.networks().stream().map(NetworkXml::render).toArray(String[]::new));
    }

    @Test
    void registerAllOnAnEmptyHost() {
        Run r = run("net", "register", "--all", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                network mia-nat: created (defined, autostart, started)
                network mia-iso: created (defined, autostart, started)
                2 changes (2 created)
                """);
        assertThat(r.err()).isEqualTo("miniascape: site applytest (" + SITE + ") on " + TestDriver.uri(dir) + "\n");
    }

    @Test
    void registerOfWhatIsThereChangesNothing() throws Exception {
        Run r = run("net", "register", "mia-nat", "-C", SITE.toString(), "--connect", hostWithSiteNetworks());
        assertThat(r.exit()).as(r.err()).isZero();
        // The node file's networks have autostart off: that is all there is to do.
        assertThat(r.out()).startsWith("network mia-nat: updated live (autostart on)");
    }

    @Test
    void aNetworkNamedTwiceIsRegisteredOnce() {
        Run r = run("net", "register", "mia-iso", "mia-iso", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("network mia-iso: created (defined, autostart, started)\n"
                + "1 change (1 created)\n");
    }

    @Test
    void jsonOutputForScripts() {
        Run r = run("net", "register", "mia-iso", "-C", SITE.toString(), "--connect", TestDriver.uri(dir),
                "--dry-run", "--output", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"dry_run\" : true", "\"changed\" : 1", "\"kind\" : \"network\"",
                "\"name\" : \"mia-iso\"", "\"action\" : \"created\"");
    }

    @Test
    void updateOfAChangedReservationGoesLive() throws Exception {
        String uri = hostWithSiteNetworks();
        Path changed = dir.resolve("changed.yml");
        Files.writeString(changed, Files.readString(SITE).replace("ip: 198.51.100.11}", "ip: 198.51.100.12}"));
        Run r = run("net", "update", "mia-nat", "-C", changed.toString(), "--connect", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("network mia-nat: updated live (1 DHCP host change, 2 DNS host changes)");
    }

    @Test
    void driftIsExit3WithADiffAndNothingChanged() throws Exception {
        String uri = hostWithSiteNetworks();
        Path changed = dir.resolve("changed.yml");
        Files.writeString(changed, Files.readString(SITE).replace("bridge: mia-iso0", "bridge: mia-iso9"));
        Run r = run("net", "update", "--all", "-C", changed.toString(), "--connect", uri);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("network mia-iso: would restart (differs beyond DHCP/DNS hosts;",
                "    - " + "  <bridge name='mia-iso0'/>", "    + " + "  <bridge name='mia-iso9'/>");
        assertThat(r.err()).contains("miniascape: nothing was changed: network mia-iso differs beyond DHCP/DNS hosts");
    }

    @Test
    void aPreflightRefusalWithJsonOutputIsJsonOnStdout() throws Exception {
        String uri = TestDriver.uri(dir, "<network><name>other</name><bridge name='other0'/>"
                + "<ip address='198.51.100.129' netmask='255.255.255.128'/></network>");
        Run r = run("net", "register", "mia-nat", "-C", SITE.toString(), "--connect", uri, "-o", "json");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("overlaps libvirt network 'other'");
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(doc.get("exit_code").asInt()).isEqualTo(3);
        assertThat(doc.get("changed").asInt()).isZero();
        assertThat(doc.get("error").asText()).startsWith("preflight found 1 conflict; nothing was changed");
    }

    @Test
    void updateOfAMissingNetworkIsExit3() {
        Run r = run("net", "update", "mia-nat", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).startsWith("network mia-nat: missing");
        assertThat(r.err()).contains("'miniascape net register mia-nat' creates it");
    }

    @Test
    void unregisterOfAnAbsentNetworkIsFine() throws Exception {
        Run r = run("net", "unregister", "--all", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("network mia-nat: absent (not defined, nothing to do)");
        Run r2 = run("net", "unregister", "mia-iso", "-C", SITE.toString(), "--connect", hostWithSiteNetworks());
        assertThat(r2.out()).startsWith("network mia-iso: removed (destroyed, undefined)");
    }

    @Test
    void listAndStatus() throws Exception {
        String uri = hostWithSiteNetworks();
        Run list = run("net", "list", "-C", SITE.toString(), "--connect", uri);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).isEqualTo("""
                NAME             DEFINED  ACTIVE  AUTOSTART  SYNC          LEASES
                mia-nat          yes      yes     no         in sync       0
                mia-iso          yes      yes     no         in sync       0
                """);
        Run status = run("net", "status", "mia-iso", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(status.out()).contains("defined:   no", "sync:      not defined");
    }

    @Test
    void badSelectionIsExit2() {
        assertThat(run("net", "register", "-C", SITE.toString(), "--connect", TestDriver.uri(dir)).err())
                .contains("name at least one network, or use --all");
        Run r = run("net", "register", "nope", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("site applytest has no network 'nope' (it has: mia-nat, mia-iso)");
    }

    @Test
    void anUnreachableUriIsExit1WithLibvirtsMessage() {
        Run r = run("net", "list", "-C", SITE.toString(), "--connect", "test://" + dir.resolve("missing.xml"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("miniascape: error: cannot connect to libvirt at test://");
    }
}
