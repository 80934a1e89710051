package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Site;
import org.miniascape.testing.TestDriver;

/** guest, storage, plan, up and down in process against the test driver (each run starts from node.xml). */
class GuestCommandTest {
    @TempDir
    Path dir;
    Path site;
    Path guests;

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void files() throws Exception {
        site = Path.of("src/test/resources/apply/site.yml").toAbsolutePath();
        guests = dir.resolve("guests.yml");
        Files.writeString(guests, Files.readString(Path.of("src/test/resources/apply/site-guests.yml"))
                .replace("@POOL@", dir.resolve("pool").toString()));
    }

    /** The stderr line that says what a command acts on: the site's files and the URI. */
    String header(String uri, Path... files) {
        StringBuilder names = new StringBuilder(site.toString());
        for (Path f : files) {
            names.append(", ").append(f);
        }
        return "miniascape: site applytest (" + names + ") on " + uri + "\n";
    }

    /** The guest's pool, domain and volume, each created: what 'guest define' does on an empty host. */
    static final String DEFINE = """
            + pool mia-pool: create (not defined)
            + domain mia-vm: create (not defined)
            + volume mia-pool/mia-vm-disk0.qcow2: create (disk of mia-vm)
            Plan: 3 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy
            pool mia-pool: created (define, build, autostart on, start)
            domain mia-vm: created (define)
            volume mia-pool/mia-vm-disk0.qcow2: created (create volume mia-vm-disk0.qcow2)
            Applied: 3 changes
            """;

    /** Everything of the site with its guest, in the order it is done: what 'up' plans on an empty host. */
    static final String UP_PLAN = """
            + network mia-nat: create (not defined)
            + network mia-iso: create (not defined)
            + pool mia-pool: create (not defined)
            + domain mia-vm: create (not defined)
            + volume mia-pool/mia-vm-disk0.qcow2: create (disk of mia-vm)
            + boot mia-vm: create (start: its disk boots as it is)
            Plan: 6 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy
            """;

    static final String NO_CHANGES = "Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy\n";

    static String foreign(String name) {
        return "not created by miniascape for this site (it has no miniascape mark); --adopt " + name
                + " takes it over";
    }

    /** A host with the site's networks as miniascape created them for it (autostart off: the node file's). */
    String hostWithSiteNetworks() {
        return TestDriver.uri(dir, MarkedHost.networks(SiteLoader.load(java.util.List.of(site.toString()))));
    }

    /** A host with networks of the site's names that miniascape did not create for it. */
    String hostWithForeignNetworks() {
        return TestDriver.uri(dir, MarkedHost.foreignNetworks(SiteLoader.load(java.util.List.of(site.toString()))));
    }

    @Test
    void guestDefineCreatesThePoolFirstAndTheDomainBeforeItsVolume() {
        // The domain comes before its volume: its mark lists the volumes made for it.
        String uri = TestDriver.uri(dir);
        Run r = run("guest", "define", "mia-vm", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(DEFINE);
        assertThat(r.err()).isEqualTo(header(uri, guests));
    }

    @Test
    void aGuestNamedTwiceIsDefinedOnce() {
        Run r = run("guest", "define", "mia-vm", "mia-vm", "-C", site.toString(), "-C", guests.toString(),
                "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(DEFINE);
    }

    @Test
    void startingAnUndefinedGuestWithJsonOutputIsJsonOnStdout() throws Exception {
        String uri = TestDriver.uri(dir);
        Run r = run("guest", "start", "mia-vm", "-o", "json", "-C", site.toString(), "-C", guests.toString(),
                "--connect", uri);
        assertThat(r.exit()).isEqualTo(3);
        String reason = "not defined; 'miniascape guest define mia-vm' defines it";
        assertThat(r.err()).isEqualTo(header(uri, guests) + "miniascape: nothing was changed: 1 refused:\n"
                + "  boot mia-vm: " + reason + "\n");
        assertThat(NetCommandTest.json(r.out())).isEqualTo(NetCommandTest.json("""
                {
                  "schema" : "miniascape/1", "command" : "guest start", "ok" : false, "exit_code" : 3,
                  "dry_run" : false,
                  "plan" : {
                    "uri" : "%s",
                    "site" : "applytest",
                    "summary" : "Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy; 1 refused",
                    "counts" : {"create" : 0, "update-live" : 0, "redefine" : 0, "replace" : 0, "delete" : 0,
                                "none" : 0, "refuse" : 1},
                    "actions" : [ {
                      "id" : "boot/mia-vm", "kind" : "boot", "name" : "mia-vm", "action" : "refuse",
                      "reason" : "%s", "diff" : [ ], "depends_on" : [ ], "steps" : [ ]
                    } ]
                  },
                  "error" : "boot mia-vm: %s"
                }
                """.formatted(uri, reason, reason)));
    }

    @Test
    void upDryRunShowsTheWholePlanInOrder() {
        String uri = TestDriver.uri(dir);
        Run r = run("up", "--dry-run", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(UP_PLAN);
        assertThat(r.err()).isEqualTo(header(uri, guests));
    }

    @Test
    void downOfAnEmptyHostFindsNothing() {
        String uri = TestDriver.uri(dir);
        Run r = run("down", "--yes", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                = domain mia-vm: none (not defined)
                = volume mia-pool/mia-vm-disk0.qcow2: none (not there)
                = pool mia-pool: none (not defined)
                = network mia-nat: none (not defined)
                = network mia-iso: none (not defined)
                """ + NO_CHANGES);
        assertThat(r.err()).isEqualTo(header(uri, guests));
    }

    @Test
    void downWithoutYesAndWithoutATerminalIsExit2AndChangesNothing() {
        // The tests run without a console, as scripts and CI do.
        String uri = hostWithSiteNetworks();
        Run r = run("down", "-C", site.toString(), "--connect", uri);
        assertThat(r.exit()).isEqualTo(2);
        // Refused before it connects: no header, no plan, nothing applied.
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("miniascape: error: down removes the site's objects from libvirt: without a"
                + " terminal to confirm on, give --yes (or --dry-run to see the plan)\n");
        Run json = run("down", "-o", "json", "-C", site.toString(), "--connect", uri);
        assertThat(json.exit()).isEqualTo(2);
        assertThat(json.err()).isEqualTo(r.err());
        // As the message says, --dry-run needs no --yes: it shows the plan and changes nothing.
        Run dry = run("down", "--dry-run", "-C", site.toString(), "--connect", uri);
        assertThat(dry.exit()).as(dry.err()).isZero();
        assertThat(dry.out()).isEqualTo("""
                - network mia-nat: delete (destroy, undefine)
                - network mia-iso: delete (destroy, undefine)
                Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 2 to destroy
                """);
        assertThat(dry.err()).isEqualTo(header(uri));
        Run yes = run("down", "--yes", "-C", site.toString(), "--connect", uri);
        assertThat(yes.exit()).as(yes.err()).isZero();
        assertThat(yes.out()).isEqualTo(dry.out() + """
                network mia-nat: deleted (destroy, undefine)
                network mia-iso: deleted (destroy, undefine)
                Applied: 2 changes
                """);
    }

    @Test
    void downLeavesForeignObjectsOfTheSitesNamesAlone() {
        String uri = hostWithForeignNetworks();
        Run r = run("down", "--yes", "-C", site.toString(), "--connect", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                = network mia-nat: none (left alone: not created by miniascape for this site (no miniascape mark))
                = network mia-iso: none (left alone: not created by miniascape for this site (no miniascape mark))
                """ + NO_CHANGES);
    }

    @Test
    void planPrintsWhatUpWouldDo() throws Exception {
        String uri = TestDriver.uri(dir);
        Run r = run("plan", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(UP_PLAN);
        assertThat(r.err()).isEqualTo(header(uri, guests));
        Run json = run("plan", "-o", "json", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(json.exit()).as(json.err()).isZero();
        var doc = NetCommandTest.json(json.out());
        assertThat(doc.get("command").asText()).isEqualTo("plan");
        assertThat(doc.get("dry_run").asBoolean()).isTrue();
        assertThat(doc.has("result")).as("nothing is carried out").isFalse();
        assertThat(doc.get("plan").get("summary").asText())
                .isEqualTo("Plan: 6 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy");
        assertThat(doc.get("plan").get("actions").findValuesAsText("id")).containsExactly("network/mia-nat",
                "network/mia-iso", "pool/mia-pool", "domain/mia-vm", "volume/mia-pool/mia-vm-disk0.qcow2",
                "boot/mia-vm");
    }

    @Test
    void planDetailedExitcodeIs2WithChangesAnd0Without() throws Exception {
        Run changes = run("plan", "--detailed-exitcode", "-C", site.toString(), "--connect", hostWithSiteNetworks());
        assertThat(changes.exit()).as(changes.err()).isEqualTo(2);
        assertThat(changes.out()).isEqualTo("""
                ~ network mia-nat: update live (autostart on)
                ~ network mia-iso: update live (autostart on)
                Plan: 0 to add, 2 to update live, 0 to redefine, 0 to replace, 0 to destroy
                """);
        // The same networks for a site that wants them without autostart, as the node file has them.
        Path manual = dir.resolve("manual.yml");
        Files.writeString(manual, Files.readString(site).replace("    mode: ", "    autostart: false\n    mode: "));
        Site m = SiteLoader.load(java.util.List.of(manual.toString()));
        assertThat(m.networks()).allMatch(n -> !n.autostart());
        String uri = TestDriver.uri(dir, MarkedHost.networks(m));
        Run none = run("plan", "--detailed-exitcode", "-C", manual.toString(), "--connect", uri);
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.out()).isEqualTo("""
                = network mia-nat: none (the same as the site)
                = network mia-iso: none (the same as the site)
                """ + NO_CHANGES);
        assertThat(none.err()).isEqualTo("miniascape: site applytest (" + manual + ") on " + uri + "\n");
        // Without the option, a plan with changes is exit 0 too.
        assertThat(run("plan", "-C", site.toString(), "--connect", hostWithSiteNetworks()).exit()).isZero();
    }

    @Test
    void planIsExit3WhenSomethingIsRefused() {
        String uri = hostWithForeignNetworks();
        String out = "! network mia-nat: refuse (" + foreign("mia-nat") + ")\n"
                + "! network mia-iso: refuse (" + foreign("mia-iso") + ")\n"
                + "Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy; 2 refused\n";
        String err = header(uri) + "miniascape: nothing was changed: 2 refused:\n"
                + "  network mia-nat: " + foreign("mia-nat") + "\n"
                + "  network mia-iso: " + foreign("mia-iso") + "\n";
        for (String detailed : new String[] {"--detailed-exitcode", "--dry-run"}) {
            Run r = run("plan", detailed, "-C", site.toString(), "--connect", uri);
            assertThat(r.exit()).as(detailed).isEqualTo(3);
            assertThat(r.out()).as(detailed).isEqualTo(out);
            assertThat(r.err()).as(detailed).isEqualTo(err);
        }
    }

    @Test
    void planDestroyPlansAsDownDoes() {
        String uri = hostWithSiteNetworks();
        Run r = run("plan", "--destroy", "-C", site.toString(), "--connect", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        String plan = """
                - network mia-nat: delete (destroy, undefine)
                - network mia-iso: delete (destroy, undefine)
                Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 2 to destroy
                """;
        assertThat(r.out()).isEqualTo(plan);
        assertThat(r.err()).isEqualTo(header(uri));
        Run detailed = run("plan", "--destroy", "--detailed-exitcode", "-C", site.toString(), "--connect", uri);
        assertThat(detailed.exit()).isEqualTo(2);
        assertThat(detailed.out()).isEqualTo(plan);
        // down leaves what is not the site's: nothing to destroy.
        Run foreign = run("plan", "--destroy", "--detailed-exitcode", "-C", site.toString(), "--connect",
                hostWithForeignNetworks());
        assertThat(foreign.exit()).as(foreign.err()).isZero();
        assertThat(foreign.out()).isEqualTo("""
                = network mia-nat: none (left alone: not created by miniascape for this site (no miniascape mark))
                = network mia-iso: none (left alone: not created by miniascape for this site (no miniascape mark))
                """ + NO_CHANGES);
        Run empty = run("plan", "--destroy", "--detailed-exitcode", "-C", site.toString(), "-C", guests.toString(),
                "--connect", TestDriver.uri(dir));
        assertThat(empty.exit()).as(empty.err()).isZero();
        assertThat(empty.out()).isEqualTo("""
                = domain mia-vm: none (not defined)
                = volume mia-pool/mia-vm-disk0.qcow2: none (not there)
                = pool mia-pool: none (not defined)
                = network mia-nat: none (not defined)
                = network mia-iso: none (not defined)
                """ + NO_CHANGES);
    }

    @Test
    void upAdoptTakesOverTheNamedObjectsOnly() {
        String uri = hostWithForeignNetworks();
        Run plain = run("up", "-C", site.toString(), "--connect", uri);
        assertThat(plain.exit()).isEqualTo(3);
        assertThat(plain.out()).isEqualTo("! network mia-nat: refuse (" + foreign("mia-nat") + ")\n"
                + "! network mia-iso: refuse (" + foreign("mia-iso") + ")\n"
                + "Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy; 2 refused\n");

        Run one = run("up", "--adopt", "mia-nat", "-C", site.toString(), "--connect", uri);
        assertThat(one.exit()).isEqualTo(3);
        String adoptNat = "~ network mia-nat: redefine (adopted (no miniascape mark): its mark is written;"
                + " autostart on)\n";
        assertThat(one.out()).isEqualTo(adoptNat
                + "! network mia-iso: refuse (" + foreign("mia-iso") + ")\n"
                + "Plan: 0 to add, 0 to update live, 1 to redefine, 0 to replace, 0 to destroy; 1 refused\n");
        assertThat(one.err()).isEqualTo(header(uri) + "miniascape: nothing was changed: 1 refused:\n"
                + "  network mia-iso: " + foreign("mia-iso") + "\n");

        String both = adoptNat + """
                ~ network mia-iso: redefine (adopted (no miniascape mark): its mark is written; autostart on)
                Plan: 0 to add, 0 to update live, 2 to redefine, 0 to replace, 0 to destroy
                network mia-nat: redefined (define, autostart on)
                network mia-iso: redefined (define, autostart on)
                Applied: 2 changes
                """;
        Run two = run("up", "--adopt", "mia-nat", "--adopt", "mia-iso", "-C", site.toString(), "--connect", uri);
        assertThat(two.exit()).as(two.err()).isZero();
        assertThat(two.out()).isEqualTo(both);
        assertThat(two.err()).isEqualTo(header(uri));
        Run all = run("up", "--adopt-all", "-C", site.toString(), "--connect", uri);
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).isEqualTo(both);
    }

    @Test
    void parallelZeroIsExit2AndChangesNothing() {
        String uri = TestDriver.uri(dir);
        String[][] commands = {{"up"}, {"down", "--yes"}, {"net", "register", "--all"}, {"net", "update", "--all"},
            {"storage", "register"}, {"guest", "define", "--all"}};
        for (String[] command : commands) {
            Run r = run(concat(command, new String[] {"--parallel", "0", "-C", site.toString(), "-C",
                guests.toString(), "--connect", uri}));
            assertThat(r.exit()).as(String.join(" ", command) + ": " + r.err()).isEqualTo(2);
            assertThat(r.out()).as(String.join(" ", command)).isEmpty();
            assertThat(r.err()).as(String.join(" ", command))
                    .isEqualTo("miniascape: error: --parallel must be at least 1\n");
        }
        Run one = run("up", "--parallel", "1", "--dry-run", "-C", site.toString(), "-C", guests.toString(),
                "--connect", uri);
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).isEqualTo(UP_PLAN);
    }

    @Test
    void planRejectsParallelZeroAsUpDoes() {
        // plan takes --parallel (with --adopt and --adopt-all) to plan as 'up' does; 0 is no more valid there.
        Run r = run("plan", "--parallel", "0", "-C", site.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("miniascape: error: --parallel must be at least 1\n");
    }

    @Test
    void statusStartAndInstallOfWhatCannotBe() {
        String uri = TestDriver.uri(dir);
        Run status = run("guest", "status", "--all", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(status.out()).contains("mia-vm               no       undefined    none");
        Run start = run("guest", "start", "mia-vm", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(start.exit()).as(start.out() + start.err()).isEqualTo(3);
        assertThat(start.out()).isEqualTo("! boot mia-vm: refuse (not defined; 'miniascape guest define mia-vm'"
                + " defines it)\n"
                + "Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy; 1 refused\n");
        assertThat(start.err()).isEqualTo(header(uri, guests) + "miniascape: nothing was changed: 1 refused:\n"
                + "  boot mia-vm: not defined; 'miniascape guest define mia-vm' defines it\n");
        // 'none' has no installer: installing it is defining and starting it.
        Run install = run("guest", "install", "mia-vm", "-C", site.toString(), "-C", guests.toString(),
                "--connect", uri);
        assertThat(install.exit()).as(install.out() + install.err()).isZero();
        assertThat(install.out()).contains("+ domain mia-vm: create (not defined)",
                "+ boot mia-vm: create (start: its disk boots as it is)", "boot mia-vm: created (start)")
                .doesNotContain("install mia-vm");
        Run unknown = run("guest", "stop", "nope", "-C", site.toString(), "--connect", uri);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("site applytest has no guest 'nope'");
    }

    @Test
    void storageRegisterAndList() {
        String uri = TestDriver.uri(dir);
        Run reg = run("storage", "register", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(reg.exit()).as(reg.err()).isZero();
        assertThat(reg.out()).isEqualTo("""
                + pool mia-pool: create (not defined)
                + volume mia-pool/mia-vm-disk0.qcow2: create (disk of mia-vm)
                Plan: 2 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy
                pool mia-pool: created (define, build, autostart on, start)
                volume mia-pool/mia-vm-disk0.qcow2: created (create volume mia-vm-disk0.qcow2)
                Applied: 2 changes
                """);
        assertThat(reg.err()).isEqualTo(header(uri, guests));
        Run list = run("storage", "list", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(list.out()).contains("pool   mia-pool                       defined=no active=no autostart=no",
                "volume mia-pool/mia-vm-disk0.qcow2    missing");
    }

    /** The site with a guest installed by kickstart, mia-ks, instead of mia-vm: its -C options. */
    String[] kickstartGuest() throws Exception {
        Path ks = dir.resolve("ks.yml");
        Files.writeString(ks, """
                guests:
                  - name: mia-ks
                    memory: 512
                    virt_type: qemu
                    os_variant: generic
                    disks: [{pool: mia-pool, size: 1}]
                    interfaces: [{network: mia-nat, mac: "52:54:00:aa:00:40", ip: 198.51.100.40}]
                    install: {method: kickstart, location: "http://198.51.100.1/repo/"}
                """);
        return new String[] {"-C", site.toString(), "-C", guests.toString(), "-C", ks.toString()};
    }

    /** mia-ks's domain as miniascape defines it for the site of {@link #kickstartGuest()}. */
    String siteDomain() {
        return MarkedHost.domain(SiteLoader.load(java.util.List.of(site.toString(), guests.toString(),
                dir.resolve("ks.yml").toString())), "mia-ks");
    }

    /** A node-file domain that the test driver has defined but not running (shut off). */
    static String shutOff(String domain) {
        return domain.replace("<domain ", "<domain xmlns:test='http://libvirt.org/schemas/domain/test/1.0' ")
                .replace("</domain>", "<test:runstate>5</test:runstate></domain>");
    }

    @Test
    void installRunsTheInstallerOnlyForAStoppedGuestOfTheSiteNotMarkedInstalled() throws Exception {
        String[] config = kickstartGuest();
        // The domain 'up' or 'guest define' would have left: the site's, with its mark, not yet installed.
        String domain = siteDomain();
        // The test driver runs the domains of its node file: a running guest not marked installed is refused.
        Run running = run(concat(new String[] {"guest", "install", "mia-ks", "--dry-run", "--connect",
            TestDriver.uri(dir, domain)}, config));
        assertThat(running.exit()).isEqualTo(3);
        assertThat(running.out()).contains("! install mia-ks: refuse (running, but not installed by miniascape: its"
                + " installer would overwrite its disks; 'miniascape guest stop mia-ks' first");

        Run stopped = run(concat(new String[] {"guest", "install", "mia-ks", "--dry-run",
            "--connect", TestDriver.uri(dir, shutOff(domain))}, config));
        assertThat(stopped.exit()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("+ install mia-ks: create (kickstart from http://198.51.100.1/repo/"
                + " (virt-install))", "+ boot mia-ks: create (start)");

        // Marked installed: nothing to install, and the running guest is left as it is.
        String installed = domain.replace("digest=", "installed=\"yes\" digest=");
        assertThat(installed).contains("installed=\"yes\"");
        Run done = run(concat(new String[] {"guest", "install", "mia-ks", "--dry-run", "--connect",
            TestDriver.uri(dir, installed)}, config));
        assertThat(done.exit()).as(done.out() + done.err()).isZero();
        assertThat(done.out()).contains("= install mia-ks: none (installed)", "= boot mia-ks: none (running)");

        // Installed by hand (no mark) and adopted: taken as installed, its installer never run over it.
        String byHand = domain.replaceAll("(?s)<metadata>.*</metadata>", "");
        assertThat(byHand).doesNotContain("miniascape:owner");
        Run adopted = run(concat(new String[] {"guest", "install", "mia-ks", "--adopt", "mia-ks", "--dry-run",
            "--connect", TestDriver.uri(dir, byHand)}, config));
        assertThat(adopted.out()).as(adopted.err()).contains("~ domain mia-ks: redefine (adopted",
                "= install mia-ks: none (adopted: taken as installed)");
    }

    @Test
    void installWithJsonOutputPrintsOnlyJsonOnStdout() throws Exception {
        String[] config = kickstartGuest();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Run fresh = run(concat(new String[] {"guest", "install", "mia-ks", "--dry-run", "-o", "json",
            "--connect", TestDriver.uri(dir)}, config));
        assertThat(fresh.exit()).as(fresh.err()).isZero();
        var doc = json.readTree(fresh.out());
        assertThat(doc.get("dry_run").asBoolean()).isTrue();
        assertThat(doc.get("plan").get("actions").findValuesAsText("id")).containsExactly("pool/mia-pool",
                "domain/mia-ks", "volume/mia-pool/mia-ks-disk0.qcow2", "install/mia-ks", "boot/mia-ks", "ready/mia-ks");
        assertThat(doc.get("plan").get("actions").get(3).get("depends_on").toString())
                .contains("domain/mia-ks", "volume/mia-pool/mia-ks-disk0.qcow2", "network/mia-nat");
    }

    @Test
    void installLeavesAForeignDomainOfTheGuestsNameAlone() throws Exception {
        // A shut-off domain named mia-ks that miniascape did not define for this site (the build's domain.xml,
        // defined by hand: no mark). Like every other command, install must not take it away: it is refused.
        String[] config = kickstartGuest();
        Path out = dir.resolve("out");
        assertThat(run(concat(new String[] {"build", "-w", out.toString()}, config)).exit()).isZero();
        String byHand = Files.readString(out.resolve("guests/mia-ks/domain.xml"));
        assertThat(byHand).doesNotContain("miniascape:owner");
        Run r = run(concat(new String[] {"guest", "install", "mia-ks", "--dry-run",
            "--connect", TestDriver.uri(dir, shutOff(byHand))}, config));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).doesNotContain("+ install");
        assertThat(r.err()).contains("not created by miniascape for this site");
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
