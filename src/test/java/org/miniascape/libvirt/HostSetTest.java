package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Site;

/** What each host of a site over several hosts gets, the order of the one plan, and hosts' actions overlapping. */
class HostSetTest {
    static Site multi() throws Exception {
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", Files.readString(
                Path.of("src/test/resources/scenarios/multi-host/config/site.yml")))));
    }

    @Test
    void eachHostsSliceHasTheNetworksSpanningItItsGuestsAndTheirPools() throws Exception {
        Site site = multi();
        Site kvm2 = HostSet.slice(site, "kvm2");
        assertThat(kvm2.guests().stream().map(Guest::name)).contains("db")
                .allMatch(g -> site.topology().hostOf(g).orElseThrow().equals("kvm2"));
        assertThat(kvm2.networks().stream().map(Network::name)).containsExactly("lan", "storage");
        assertThat(kvm2.storagePools()).extracting(p -> p.name()).containsExactly("images");
        assertThat(kvm2.topology()).isEqualTo(site.topology());
        Site kvm1 = HostSet.slice(site, "kvm1");
        assertThat(kvm1.networks().stream().map(Network::name)).containsExactly("lan", "mgmt");
        // A host without guests gets no pool: no guest of it uses one.
        Site kvm3 = HostSet.slice(site, "kvm3");
        assertThat(kvm3.guests()).isEmpty();
        assertThat(kvm3.storagePools()).isEmpty();
    }

    static Action action(String id, List<String> deps) {
        return new Action(id, Action.Kind.NETWORK, id, Action.Type.NONE, "", List.of(), deps, List.of());
    }

    @Test
    void thePlanPutsEveryActionAfterWhatItDependsOnAcrossHosts() {
        List<Action> ordered = HostSet.ordered(List.of(action("boot/a@kvm1", List.of("network/lan@kvm2")),
                action("network/lan@kvm1", List.of()), action("network/lan@kvm2", List.of("absent"))));
        assertThat(ordered).extracting(Action::id).containsExactly("network/lan@kvm1", "network/lan@kvm2",
                "boot/a@kvm1");
    }

    @Test
    void theHostsActionsRunSideBySide() {
        CountDownLatch both = new CountDownLatch(2);
        // A step of each host that waits for the other's to have started.
        List<Action> actions = List.of(waiting("kvm1", both), waiting("kvm2", both));
        PlanExecutor.Result r = new PlanExecutor(Map.of(), 2, PlanExecutor.Listener.NONE)
                .execute(new Plan("", "s", actions));
        assertThat(r.ok()).as(r.outcomes().toString()).isTrue();
    }

    private static Action waiting(String host, CountDownLatch both) {
        Step step = new Step.HostCommand(new HostShell(host, List.of(), new org.miniascape.exec.Executor() {
            @Override
            public org.miniascape.exec.ExecResult run(org.miniascape.exec.Command c) {
                both.countDown();
                try {
                    return new org.miniascape.exec.ExecResult(both.await(10, TimeUnit.SECONDS) ? 0 : 1, "", "");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }), List.of("true"));
        return new Action("link/lan", Action.Kind.LINK, "lan", Action.Type.CREATE, "", List.of(), List.of(),
                List.of(step)).onHost(host);
    }
}
