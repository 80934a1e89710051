package org.miniascape.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miniascape.model.Guest;
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
    void aBootKernelNeedsAbsolutePathsWithoutCommasAndAShortPrintableCmdline() {
        Site site = GuestScenarios.site(List.of(
                GuestScenarios.guest("k-1").nic("net-1", "52:54:00:05:01:c1", "198.51.100.181")
                        .kernelBoot("boot/vmlinuz", "/boot/initrd,old.img", "console=ttyS0\nsingle").build(),
                GuestScenarios.guest("k-2").nic("net-1", "52:54:00:05:01:c2", "198.51.100.182")
                        .kernelBoot("/boot/vm\tlinuz", "/", "x".repeat(2049)).build(),
                GuestScenarios.guest("k-3").nic("net-1", "52:54:00:05:01:c3", "198.51.100.183")
                        .kernelBoot("/boot/vmlinuz", null, "a=\"b c\",d\\e " + "é".repeat(1000)).build()));
        Problems problems = new Problems();
        GuestChecks.check(site, problems);
        assertThat(problems.sorted()).extracting(Problem::message).containsExactlyInAnyOrder(
                "guest 'k-1': boot.kernel: 'boot/vmlinuz': expected an absolute path of a file on the libvirt host",
                "guest 'k-1': boot.initrd: must not contain ',' (virt-install splits its option values at commas)",
                "guest 'k-1': boot.cmdline: must be a single line of printable characters (no line break, tab or"
                        + " other control character)",
                "guest 'k-2': boot.kernel: must be a single line without control characters",
                "guest 'k-2': boot.initrd: '/': expected an absolute path of a file on the libvirt host",
                "guest 'k-2': boot.cmdline: is 2049 bytes long; the kernel takes a command line of at most 2048"
                        + " bytes");
    }

    /** An installer boots itself and then the disk; method none boots its cdrom: neither with a kernel. */
    @Test
    void aBootKernelIsRefusedWithAnInstallerOrACdrom() {
        Guest cdrom = GuestScenarios.guest("k-5").nic("net-1", "52:54:00:05:01:c5", "198.51.100.185")
                .kernelBoot("/boot/vmlinuz", null, null).build();
        cdrom = new Guest(cdrom.name(), cdrom.group(), cdrom.description(), cdrom.hardware(), cdrom.localization(),
                cdrom.access(), cdrom.software(), cdrom.disks(), cdrom.nics(), new Install(Install.Method.NONE,
                Optional.empty(), Optional.empty(), Optional.of("/srv/iso/rescue.iso"), Optional.empty()),
                cdrom.templates(), cdrom.settings(), cdrom.origin());
        Site site = GuestScenarios.site(List.of(
                GuestScenarios.guest("k-4").disk("default", 10, "virtio", "qcow2", "none")
                        .nic("net-1", "52:54:00:05:01:c4", "198.51.100.184")
                        .install(Install.Method.KICKSTART, "/srv/miniascape/trees/rhel-9.0", null)
                        .kernelBoot("/boot/vmlinuz", null, null).build(),
                cdrom));
        Problems problems = new Problems();
        GuestChecks.check(site, problems);
        assertThat(problems.sorted()).extracting(Problem::message).containsExactlyInAnyOrder(
                "guest 'k-4': boot: install method kickstart boots its installer and then the installed disk, never"
                        + " a kernel of the host: direct kernel boot is for install methods import, cloud-init and"
                        + " none",
                "guest 'k-5': install.cdrom: the guest boots boot.kernel, never this cdrom: give one of them");
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
