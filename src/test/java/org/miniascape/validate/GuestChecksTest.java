package org.miniascape.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.miniascape.model.Install;
import org.miniascape.model.Site;
import org.miniascape.render.guest.GuestScenarios;

/** The guest-value checks run on the resolved site, every problem of every guest collected. */
class GuestChecksTest {

    @Test
    void everyProblemOfEveryGuestIsReportedAtOnce() {
        Site site = GuestScenarios.site(List.of(
                GuestScenarios.guest("a-1").disk("default", 10, "virtio", "qcow2", "none")
                        .nic("net-1", "52:54:00:05:01:b1", "198.51.100.177").locale("en_US", "us", "UTC\nx")
                        .build(),
                GuestScenarios.guest("b-1").packages("vim; reboot")
                        .nic("net-1", "52:54:00:05:01:b2", "198.51.100.178")
                        .install(Install.Method.CLOUD_INIT, null, null).build()));
        Problems problems = new Problems();
        GuestChecks.check(site, problems);
        assertThat(problems.sorted()).extracting(Problem::message).containsExactlyInAnyOrder(
                "guest 'a-1': timezone: must be a single line without control characters",
                "guest 'b-1': packages: 'vim; reboot': expected a package name (or @group, -exclusion)",
                "guest 'b-1': disks: install method cloud-init needs a disk (an overlay of the cloud image)");
    }

    @Test
    void aCleanScenarioHasNoProblems() {
        for (String scenario : GuestScenarios.NAMES) {
            Problems problems = new Problems();
            GuestChecks.check(GuestScenarios.site(scenario), problems);
            assertThat(problems.sorted()).as(scenario).isEmpty();
        }
    }
}
