package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.libvirt.Action;
import org.miniascape.libvirt.HostProbe;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.libvirt.Plan;
import org.miniascape.libvirt.PlanExecutor;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import org.miniascape.testing.Cli;
import org.miniascape.testing.TestDriver;

/**
 * The live display of a running plan (one rewritten line per guest) and the per-guest report of a JSON result,
 * on the test site's plan against a fresh test-driver host.
 */
class LiveProgressTest {
    static final Path SITE = Path.of("src/test/resources/apply/site.yml").toAbsolutePath();

    @TempDir
    Path dir;
    Path guests;
    Site site;

    @BeforeEach
    void writeSite() throws Exception {
        guests = dir.resolve("site-guests.yml");
        Files.writeString(guests, Files.readString(Path.of("src/test/resources/apply/site-guests.yml"))
                .replace("@POOL@", dir.resolve("pool").toString()));
        site = SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", Files.readString(SITE)),
                new ConfigSources.Source("site-guests.yml", Files.readString(guests))));
    }

    Plan plan(Hypervisor hv) {
        return new Planner(hv, HostProbe.NONE, site, Planner.Options.DEFAULT).up(Planner.Scope.all(site));
    }

    static Action action(Plan p, String id) {
        return p.actions().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * The guest's wait for ready as a plan on a host that runs guests has it (the test driver runs none, so its
     * plans have no such action); its steps are the boot's, never run here.
     */
    static Action ready(Plan p) {
        return new Action("ready/mia-vm", Action.Kind.READY, "mia-vm", Action.Type.CREATE, "for lease",
                List.of(), List.of("boot/mia-vm"), action(p, "boot/mia-vm").steps());
    }

    @Test
    void eachGuestHasALineWithItsStateAndClockAndTheLastLineCountsTheActions() {
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            Plan p = plan(hv);
            AtomicLong now = new AtomicLong(1_000_000);
            StringWriter screen = new StringWriter();
            LiveProgress live = new LiveProgress(new PrintWriter(screen), 80, p, now::get);
            long changes = p.actions().stream().filter(a -> !a.steps().isEmpty()).count();
            assertThat(live.frame()).containsExactly("mia-vm           waiting",
                    "0 of " + changes + " actions done, 0s");

            Action domain = action(p, "domain/mia-vm");
            live.started(domain);
            now.addAndGet(3_000);
            assertThat(live.frame().get(0)).isEqualTo("mia-vm       3s  defining");
            live.finished(new PlanExecutor.Outcome(domain, PlanExecutor.Status.DONE, List.of("define"), "", 0, 3000));
            Action ready = ready(p);
            live.started(ready);
            live.progress(ready, "lease 198.51.100.20 on mia-nat after 1m12s");
            now.addAndGet(72_000);
            assertThat(live.frame().get(0)).isEqualTo("mia-vm    1m15s  lease 198.51.100.20 on mia-nat");
            live.progress(ready, "ready in 1m20s; ssh not checked: none of its addresses is reachable from here");
            assertThat(live.frame().get(0)).isEqualTo("mia-vm    1m15s  ready in 1m20s");
            live.finished(new PlanExecutor.Outcome(ready, PlanExecutor.Status.FAILED, List.of(), "it stopped", 3, 1));
            now.addAndGet(60_000);
            assertThat(live.frame().get(0)).as("the clock stops at a failure")
                    .isEqualTo("mia-vm    1m15s  FAILED: it stopped");
            assertThat(live.frame().get(1)).isEqualTo("2 of " + changes + " actions done, 2m15s");

            // Every redraw goes back over the lines drawn before and clears each one.
            String drawn = screen.toString();
            assertThat(drawn).startsWith("\033[2Kmia-vm").contains("\033[2F\033[2Kmia-vm       3s  defined\n");
        }
    }

    @Test
    void aLineNeverWrapsAndAGuestThatNeverStartedSaysSo() {
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            Plan p = plan(hv);
            StringWriter screen = new StringWriter();
            LiveProgress live = new LiveProgress(new PrintWriter(screen), 30, p, () -> 0);
            Action boot = action(p, "boot/mia-vm");
            live.started(boot);
            live.progress(boot, "a state far too long to fit a terminal of thirty columns");
            assertThat(live.frame().get(0)).hasSize(29).endsWith("…");
            live.close();
            assertThat(live.frame().get(0)).endsWith("…");

            LiveProgress untouched = new LiveProgress(new PrintWriter(new StringWriter()), 80, p, () -> 0);
            untouched.close();
            assertThat(untouched.frame().get(0)).isEqualTo("mia-vm           not started");
        }
    }

    @Test
    void theWholeRunDrawnLiveEndsWithEveryGuestInItsFinalState() {
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            Plan p = plan(hv);
            StringWriter screen = new StringWriter();
            PlanExecutor.Result r;
            try (LiveProgress live = new LiveProgress(new PrintWriter(screen), 80, p, System::currentTimeMillis)) {
                r = new PlanExecutor(hv, 2, live).execute(p);
                live.close();
                List<String> last = live.frame();
                assertThat(last.get(0)).as("no wait for ready follows on the test driver")
                        .matches("mia-vm +\\d+s  started");
                assertThat(last.get(1)).startsWith(r.count(PlanExecutor.Status.DONE) + " of ");
            }
            assertThat(r.ok()).isTrue();
        }
    }

    @Test
    void aJsonResultHasEachGuestsStateTimesAndAddresses() throws Exception {
        String uri = TestDriver.uri(dir);
        Cli.Run run = Cli.run(Map.of("MINIASCAPE_PROGRESS", "plain"), dir, "up", "-c", uri, "-C", SITE.toString(),
                "-C", guests.toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode g = new ObjectMapper().readTree(run.out()).path("result").path("guests").get(0);
        assertThat(g.path("name").asText()).isEqualTo("mia-vm");
        assertThat(g.path("state").asText()).as("the test driver runs no guest: none to wait for")
                .isEqualTo("started");
        assertThat(g.path("started_at").asLong()).isNotNegative();
        assertThat(g.path("millis").asLong()).isNotNegative();
        assertThat(g.path("actions").findValuesAsText("id")).containsExactly("domain/mia-vm", "boot/mia-vm");
        assertThat(g.path("actions").findValuesAsText("status")).containsOnly("done");
        JsonNode nic = g.path("interfaces").get(0);
        assertThat(nic.path("network").asText()).isEqualTo("mia-nat");
        assertThat(nic.path("mac").asText()).isEqualTo("52:54:00:aa:00:20");
        assertThat(nic.path("ip").asText()).isEqualTo("198.51.100.20");
        assertThat(g.path("error").isNull()).isTrue();
    }

    @Test
    void aGuestsStateIsTheFurthestItReachedOrItsFailure() {
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            Plan p = plan(hv);
            Action domain = action(p, "domain/mia-vm");
            Action boot = action(p, "boot/mia-vm");
            Action ready = ready(p);
            PlanExecutor.Outcome defined = new PlanExecutor.Outcome(domain, PlanExecutor.Status.DONE, List.of(), "",
                    100, 50);
            PlanExecutor.Outcome started = new PlanExecutor.Outcome(boot, PlanExecutor.Status.DONE, List.of(), "",
                    150, 20);
            GuestReport r = GuestReport.of(site, new PlanExecutor.Result(p, List.of(defined, started,
                    new PlanExecutor.Outcome(ready, PlanExecutor.Status.DONE, List.of(), "", 170, 9830)))).get(0);
            assertThat(r.state()).isEqualTo("ready");
            assertThat(r.startedAt()).isEqualTo(100);
            assertThat(r.millis()).as("from its first action's start to its last one's end").isEqualTo(9900);

            GuestReport failed = GuestReport.of(site, new PlanExecutor.Result(p, List.of(defined, started,
                    new PlanExecutor.Outcome(ready, PlanExecutor.Status.FAILED, List.of(), "not ready after 15m", 170,
                            900_000)))).get(0);
            assertThat(failed.state()).isEqualTo("failed");
            assertThat(failed.json().get("error")).isEqualTo("ready/mia-vm: not ready after 15m");

            GuestReport waiting = GuestReport.of(site, new PlanExecutor.Result(p, List.of(defined,
                    new PlanExecutor.Outcome(boot, PlanExecutor.Status.NOT_STARTED, List.of(),
                            "domain mia-vm failed")))).get(0);
            assertThat(waiting.state()).isEqualTo("not-started");
            assertThat(waiting.millis()).isEqualTo(50);
        }
    }
}
