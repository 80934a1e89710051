package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.libvirt.HostCapacity;
import org.miniascape.libvirt.HostProbe;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.libvirt.Plan;
import org.miniascape.libvirt.Planner;
import org.miniascape.model.Site;
import org.miniascape.testing.TestDriver;

/** The default --parallel: from the libvirt host's CPUs and free memory, and the guests the plan starts. */
class ParallelOptionTest {
    @TempDir
    Path dir;

    Site site() throws Exception {
        String guests = Files.readString(Path.of("src/test/resources/apply/site-guests.yml"))
                .replace("@POOL@", dir.resolve("pool").toString());
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml",
                Files.readString(Path.of("src/test/resources/apply/site.yml"))),
                new ConfigSources.Source("site-guests.yml", guests)));
    }

    @Test
    void twiceTheHostsCpusUnlessItsFreeMemoryHoldsFewerOfTheGuestsStarted() throws Exception {
        Site s = site();
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            Plan up = new Planner(hv, HostProbe.NONE, s, Planner.Options.DEFAULT).up(Planner.Scope.all(s));
            // mia-vm has 128 MiB.
            assertThat(ParallelOption.forPlan(up, s, new HostCapacity(4, 64_000))).isEqualTo(8);
            assertThat(ParallelOption.forPlan(up, s, new HostCapacity(4, 3 * 128 + 100))).isEqualTo(3);
            assertThat(ParallelOption.forPlan(up, s, new HostCapacity(4, 100))).as("at least one").isEqualTo(1);
            assertThat(ParallelOption.forPlan(up, s, new HostCapacity(4, java.util.OptionalLong.empty())))
                    .as("free memory unknown: CPUs only").isEqualTo(8);

            Plan down = new Planner(hv, HostProbe.NONE, s, Planner.Options.DEFAULT).down(Planner.Scope.all(s));
            assertThat(ParallelOption.forPlan(down, s, new HostCapacity(2, 10))).as("nothing started: CPUs only")
                    .isEqualTo(4);
        }
    }

    @Test
    void theHostsCapacityIsReadThroughTheConnection() {
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            HostCapacity c = hv.capacity();
            assertThat(c.cpus()).isPositive();
            assertThat(c.freeMemoryMib()).as("the test driver does not tell its free memory").isEmpty();
        }
    }

    @Test
    void anExplicitValueWinsAndABadOneIsBadUsage() throws Exception {
        assertThat(ParallelOption.fixed(3).value(null, site(), new HostCapacity(64, 1 << 20))).isEqualTo(3);
        assertThatThrownBy(() -> ParallelOption.fixed(0)).isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("--parallel must be at least 1");
    }
}
