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

    /** The host already has the site's networks, as miniascape defined them for it before {@code edit}. */
    String hostWithSiteNetworks() throws Exception {
        return TestDriver.uri(dir, MarkedHost.networks(site(Files.readString(SITE))));
    }

    /** The host has networks of the site's names that miniascape did not create for it (no mark). */
    String hostWithForeignNetworks() throws Exception {
        return TestDriver.uri(dir, MarkedHost.foreignNetworks(site(Files.readString(SITE))));
    }

    /** The stderr line that says what a command acts on, here with site.yml (or {@code file}). */
    static String header(Path file, String uri) {
        return "miniascape: site applytest (" + file + ") on " + uri + "\n";
    }

    static final String FOREIGN_NAT = "not created by miniascape for this site (it has no miniascape mark);"
            + " --adopt mia-nat takes it over";

    @Test
    void registerAllOnAnEmptyHost() {
        Run r = run("net", "register", "--all", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                + network mia-nat: create (not defined)
                + network mia-iso: create (not defined)
                Plan: 2 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy
                network mia-nat: created (define, autostart on, start)
                network mia-iso: created (define, autostart on, start)
                Applied: 2 changes
                """);
        assertThat(r.err()).isEqualTo(header(SITE, TestDriver.uri(dir)));
    }

    @Test
    void registerOfWhatIsThereChangesNothing() throws Exception {
        String uri = hostWithSiteNetworks();
        Run r = run("net", "register", "mia-nat", "-C", SITE.toString(), "--connect", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        // The node file's networks have autostart off: that is all there is to do.
        assertThat(r.out()).isEqualTo("""
                ~ network mia-nat: update live (autostart on)
                Plan: 0 to add, 1 to update live, 0 to redefine, 0 to replace, 0 to destroy
                network mia-nat: updated live (autostart on)
                Applied: 1 change
                """);
        assertThat(r.err()).isEqualTo(header(SITE, uri));
    }

    @Test
    void aForeignNetworkOfTheSameNameIsRefused() throws Exception {
        String uri = hostWithForeignNetworks();
        Run r = run("net", "register", "mia-nat", "-C", SITE.toString(), "--connect", uri);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("! network mia-nat: refuse (" + FOREIGN_NAT + ")\n"
                + "Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy; 1 refused\n");
        assertThat(r.err()).isEqualTo(header(SITE, uri) + "miniascape: nothing was changed: 1 refused:\n"
                + "  network mia-nat: " + FOREIGN_NAT + "\n");
    }

    @Test
    void aNetworkNamedTwiceIsRegisteredOnce() {
        Run r = run("net", "register", "mia-iso", "mia-iso", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                + network mia-iso: create (not defined)
                Plan: 1 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy
                network mia-iso: created (define, autostart on, start)
                Applied: 1 change
                """);
    }

    /** The plan document of registering mia-iso on an empty host at {@code uri}, without its envelope's end. */
    static String isoPlanJson(String uri) {
        return """
                  "plan" : {
                    "uri" : "%s",
                    "site" : "applytest",
                    "summary" : "Plan: 1 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy",
                    "counts" : {"create" : 1, "update-live" : 0, "redefine" : 0, "replace" : 0, "delete" : 0,
                                "none" : 0, "refuse" : 0},
                    "actions" : [ {
                      "id" : "network/mia-iso", "kind" : "network", "name" : "mia-iso", "action" : "create",
                      "reason" : "not defined", "diff" : [ ], "depends_on" : [ ],
                      "steps" : [ "define", "autostart on", "start" ]
                    } ]
                  },
                """.formatted(uri);
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        // One document and nothing after it.
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(text);
    }

    @Test
    void jsonOutputForScripts() throws Exception {
        String uri = TestDriver.uri(dir);
        Run r = run("net", "register", "mia-iso", "-C", SITE.toString(), "--connect", uri,
                "--dry-run", "--output", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(json(r.out())).isEqualTo(json("""
                {
                  "schema" : "miniascape/1", "command" : "net register", "ok" : true, "exit_code" : 0,
                  "dry_run" : true,
                %s
                  "error" : null
                }
                """.formatted(isoPlanJson(uri))));
        assertThat(r.err()).isEqualTo(header(SITE, uri));

        // Carried out: the plan, then what became of each action.
        Run applied = run("net", "register", "mia-iso", "-C", SITE.toString(), "--connect", uri, "-o", "json");
        assertThat(applied.exit()).as(applied.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode appliedJson = json(applied.out());
        // Each action's time is its own: a whole number of milliseconds, compared apart.
        var outcome = (com.fasterxml.jackson.databind.node.ObjectNode) appliedJson.get("result").get("actions").get(0);
        for (String time : List.of("started_at", "millis")) {
            assertThat(outcome.get(time).isIntegralNumber()).as(time).isTrue();
            assertThat(outcome.get(time).asLong()).as(time).isNotNegative();
            outcome.remove(time);
        }
        assertThat(appliedJson).isEqualTo(json("""
                {
                  "schema" : "miniascape/1", "command" : "net register", "ok" : true, "exit_code" : 0,
                  "dry_run" : false,
                %s
                  "result" : {
                    "summary" : "Applied: 1 change",
                    "actions" : [ {"id" : "network/mia-iso", "status" : "done",
                                   "steps_done" : [ "define", "autostart on", "start" ], "error" : null} ],
                    "guests" : [ ]
                  },
                  "error" : null
                }
                """.formatted(isoPlanJson(uri))));
        assertThat(applied.err()).isEqualTo(header(SITE, uri));
    }

    @Test
    void updateOfAChangedReservationGoesLive() throws Exception {
        String uri = hostWithSiteNetworks();
        Path changed = dir.resolve("changed.yml");
        Files.writeString(changed, Files.readString(SITE).replace("ip: 198.51.100.11}", "ip: 198.51.100.12}"));
        Run r = run("net", "update", "mia-nat", "-C", changed.toString(), "--connect", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        String dhcp = "modify DHCP host <host mac=\"52:54:00:aa:00:11\" name=\"app\" ip=\"198.51.100.12\"/>";
        String dnsOld = "delete DNS host <host ip=\"198.51.100.11\"/>";
        String dnsNew = "add DNS host <host ip=\"198.51.100.12\"><hostname>app</hostname></host>";
        assertThat(r.out()).isEqualTo("~ network mia-nat: update live (1 DHCP host change, 2 DNS host changes,"
                + " autostart on)\n"
                + "    + " + dhcp + "\n"
                + "    - " + dnsOld + "\n"
                + "    + " + dnsNew + "\n"
                + "Plan: 0 to add, 1 to update live, 0 to redefine, 0 to replace, 0 to destroy\n"
                + "network mia-nat: updated live (" + dhcp + ", " + dnsOld + ", " + dnsNew + ", autostart on)\n"
                + "Applied: 1 change\n");
        assertThat(r.err()).isEqualTo(header(changed, uri));
    }

    @Test
    void driftIsExit3WithADiffAndNothingChanged() throws Exception {
        String uri = hostWithSiteNetworks();
        Path changed = dir.resolve("changed.yml");
        Files.writeString(changed, Files.readString(SITE).replace("bridge: mia-iso0", "bridge: mia-iso9"));
        Run r = run("net", "update", "--all", "-C", changed.toString(), "--connect", uri);
        assertThat(r.exit()).isEqualTo(3);
        // mia-nat alone could be updated, but nothing is done while anything is refused.
        assertThat(r.out()).isEqualTo("""
                ~ network mia-nat: update live (autostart on)
                ! network mia-iso: refuse (differs beyond DHCP/DNS hosts; --force redefines and restarts it)
                      <network>
                        <name>mia-iso</name>
                    -   <bridge name='mia-iso0'/>
                    +   <bridge name='mia-iso9'/>
                        <domain localOnly='yes' name='apply.test'/>
                        <ip address='203.0.113.1' netmask='255.255.255.0'/>
                Plan: 0 to add, 1 to update live, 0 to redefine, 0 to replace, 0 to destroy; 1 refused
                """);
        assertThat(r.err()).isEqualTo(header(changed, uri) + "miniascape: nothing was changed: 1 refused:\n"
                + "  network mia-iso: differs beyond DHCP/DNS hosts; --force redefines and restarts it\n");
    }

    @Test
    void aPreflightRefusalWithJsonOutputIsJsonOnStdout() throws Exception {
        String uri = TestDriver.uri(dir, "<network><name>other</name><bridge name='other0'/>"
                + "<ip address='198.51.100.129' netmask='255.255.255.128'/></network>");
        Run r = run("net", "register", "mia-nat", "-C", SITE.toString(), "--connect", uri, "-o", "json");
        assertThat(r.exit()).isEqualTo(3);
        String reason = "preflight: subnet 198.51.100.0/24 overlaps libvirt network 'other' (198.51.100.128/25);"
                + " change the subnet in the site, or remove 'other' (miniascape net unregister / virsh net-undefine)";
        assertThat(r.err()).isEqualTo(header(SITE, uri) + "miniascape: nothing was changed: 1 refused:\n"
                + "  network mia-nat: " + reason + "\n");
        // Nothing was carried out: there is no result.
        assertThat(json(r.out())).isEqualTo(json("""
                {
                  "schema" : "miniascape/1", "command" : "net register", "ok" : false, "exit_code" : 3,
                  "dry_run" : false,
                  "plan" : {
                    "uri" : "%s",
                    "site" : "applytest",
                    "summary" : "Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy; 1 refused",
                    "counts" : {"create" : 0, "update-live" : 0, "redefine" : 0, "replace" : 0, "delete" : 0,
                                "none" : 0, "refuse" : 1},
                    "actions" : [ {
                      "id" : "network/mia-nat", "kind" : "network", "name" : "mia-nat", "action" : "refuse",
                      "reason" : "%s", "diff" : [ ], "depends_on" : [ ], "steps" : [ ]
                    } ]
                  },
                  "error" : "network mia-nat: %s"
                }
                """.formatted(uri, reason, reason)));
    }

    @Test
    void updateOfAMissingNetworkIsExit3() {
        String uri = TestDriver.uri(dir);
        Run r = run("net", "update", "mia-nat", "-C", SITE.toString(), "--connect", uri);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("! network mia-nat: refuse (not defined; 'miniascape net register mia-nat'"
                + " creates it)\n"
                + "Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy; 1 refused\n");
        assertThat(r.err()).isEqualTo(header(SITE, uri) + "miniascape: nothing was changed: 1 refused:\n"
                + "  network mia-nat: not defined; 'miniascape net register mia-nat' creates it\n");
    }

    @Test
    void unregisterOfAnAbsentNetworkIsFine() throws Exception {
        Run r = run("net", "unregister", "--all", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                = network mia-nat: none (not defined)
                = network mia-iso: none (not defined)
                Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy
                """);
        assertThat(r.err()).isEqualTo(header(SITE, TestDriver.uri(dir)));
        Run r2 = run("net", "unregister", "mia-iso", "-C", SITE.toString(), "--connect", hostWithSiteNetworks());
        assertThat(r2.exit()).as(r2.err()).isZero();
        assertThat(r2.out()).isEqualTo("""
                - network mia-iso: delete (destroy, undefine)
                Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 1 to destroy
                network mia-iso: deleted (destroy, undefine)
                Applied: 1 change
                """);
        // A network of that name that is not the site's is left as it is, and that is fine too.
        Run r3 = run("net", "unregister", "mia-iso", "-C", SITE.toString(), "--connect", hostWithForeignNetworks());
        assertThat(r3.exit()).as(r3.err()).isZero();
        assertThat(r3.out()).isEqualTo("= network mia-iso: none (left alone: not created by miniascape for this site"
                + " (no miniascape mark))\n"
                + "Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy\n");
    }

    @Test
    void listAndStatus() throws Exception {
        String uri = hostWithSiteNetworks();
        Run list = run("net", "list", "-C", SITE.toString(), "--connect", uri);
        assertThat(list.exit()).as(list.err()).isZero();
        // The definitions are the site's: in sync (that autostart is off shows in its own column).
        assertThat(list.out()).isEqualTo("""
                NAME             DEFINED  ACTIVE  AUTOSTART  SYNC            LEASES
                mia-nat          yes      yes     no         in sync         0
                mia-iso          yes      yes     no         in sync         0
                """);
        Run status = run("net", "status", "mia-iso", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(status.out()).contains("defined:   no", "sync:      not defined");
    }

    @Test
    void listSaysWhichNetworksAreNotTheSitesInItsColumns() throws Exception {
        Run list = run("net", "list", "-C", SITE.toString(), "--connect", hostWithForeignNetworks());
        assertThat(list.exit()).as(list.err()).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(3);
        int sync = lines.get(0).indexOf("SYNC");
        int leases = lines.get(0).indexOf("LEASES");
        for (String row : lines.subList(1, 3)) {
            assertThat(row.substring(sync)).startsWith("not the site's");
            // The lease count stands under LEASES, apart from the SYNC text.
            assertThat(row.substring(leases)).as(row).isEqualTo("0");
            assertThat(row.charAt(leases - 1)).as(row).isEqualTo(' ');
        }
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
