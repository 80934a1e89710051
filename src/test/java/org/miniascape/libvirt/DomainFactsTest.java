package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.render.guest.GuestScenarios;
import org.miniascape.resolve.GuestVolumes;
import org.miniascape.testing.TestDriver;

/** The facts of a guest's domain, taken from the model, are the facts of the XML that build writes for it. */
class DomainFactsTest {

    /** Every site of the test resources: the embedded one, the build scenarios and the guest scenarios. */
    static Stream<String> sites() throws IOException {
        List<String> out = new ArrayList<>(List.of(""));
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/scenarios"))) {
            s.map(d -> d.resolve("config")).filter(Files::isDirectory).sorted().forEach(d -> out.add(d.toString()));
        }
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/guests-config"))) {
            s.filter(f -> !f.getFileName().toString().equals("site.yml")).sorted()
                    .forEach(f -> out.add("src/test/resources/guests-config/site.yml," + f));
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("sites")
    void ofTheModelIsParseOfTheWrittenXml(String paths) {
        Site site = SiteLoader.load(paths.isEmpty() ? List.of() : List.of(paths.split(",")));
        assertThat(site.guests()).isNotEmpty();
        for (Guest g : site.guests()) {
            assertThat(DomainFacts.of(g)).as(g.name())
                    .isEqualTo(DomainFacts.parse(GuestVolumes.domainXml(g, site)));
        }
    }

    static final String CMDLINE = "root=/dev/vda rw console=ttyS0,115200n8 quiet";

    /** libvirt keeps the kernel, initrd and cmdline as written: its own definition gives the same facts. */
    @Test
    void aDirectKernelBootIsReadBackFromLibvirtsDefinition(@TempDir Path dir) {
        Site site = GuestScenarios.site("direct-kernel-boot");
        Guest g = site.guests().get(0);
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            hv.defineDomain(GuestVolumes.domainXml(g, site));
            DomainFacts live = DomainFacts.parse(hv.domainXml(g.name(), true));
            assertThat(live.kernelBoot()).isEqualTo(new KernelBootFacts("/var/lib/libvirt/boot/vmlinuz",
                    "/var/lib/libvirt/boot/initrd.img", CMDLINE));
            assertThat(live.sameAs(DomainFacts.of(g))).isTrue();
            assertThat(live.differences(DomainFacts.of(g))).isEmpty();
            assertThat(live.canonical()).isEqualTo(DomainFacts.of(g).canonical())
                    .endsWith("kernel /var/lib/libvirt/boot/vmlinuz", "initrd /var/lib/libvirt/boot/initrd.img",
                            "cmdline " + CMDLINE);
        }
    }

    @Test
    void aChangedCmdlineIsADifferenceNamingIt() {
        Site site = GuestScenarios.site("direct-kernel-boot");
        Guest g = site.guests().get(0);
        String xml = GuestVolumes.domainXml(g, site).replace("quiet</cmdline>", "debug</cmdline>");
        DomainFacts have = DomainFacts.parse(xml);
        DomainFacts want = DomainFacts.of(g);
        assertThat(have.sameAs(want)).isFalse();
        assertThat(have.differences(want)).containsExactly("cmdline 'root=/dev/vda rw console=ttyS0,115200n8 debug'"
                + " -> '" + CMDLINE + "'");
        assertThat(have.canonical()).isNotEqualTo(want.canonical());
    }

    /**
     * A guest that boots from its disk has no kernel facts, and its canonical lines (the digest of its domain's
     * mark) are what they were before direct kernel boot existed; giving it a kernel is a difference.
     */
    @Test
    void aDiskBootHasNoKernelFactsAndAddingAKernelIsADifference() {
        Site site = GuestScenarios.site("import-image");
        DomainFacts disk = DomainFacts.of(site.guests().get(0));
        assertThat(disk.kernelBoot()).isEqualTo(KernelBootFacts.NONE);
        assertThat(disk.canonical()).noneMatch(l -> l.matches("(kernel|initrd|cmdline) .*"));
        assertThat(DomainFacts.parse(GuestVolumes.domainXml(site.guests().get(0), site))).isEqualTo(disk);

        Guest booted = GuestScenarios.guest("legacy-1").os("rhel8.6")
                .volumeDisk("legacy-app.qcow2", "default", 30, "scsi", "qcow2", "none")
                .nic("net-1", "52:54:00:05:01:51", "198.51.100.51")
                .install(org.miniascape.model.Install.Method.IMPORT, null, "legacy-appliance-base.qcow2")
                .kernelBoot("/boot/vmlinuz", null, null).build();
        DomainFacts want = DomainFacts.of(GuestScenarios.site(List.of(booted)).guests().get(0));
        assertThat(disk.sameAs(want)).isFalse();
        assertThat(disk.differences(want)).containsExactly("kernel (none) -> '/boot/vmlinuz'");
    }

    /**
     * A hardware clock that keeps local time is the domain's {@code <clock offset='localtime'>}: libvirt keeps it,
     * switching it is a difference (a redefine), and a UTC clock adds no canonical line (existing marks' digests
     * stay what they were).
     */
    @Test
    void theClockOffsetIsReadBackAndAChangeIsADifference(@TempDir Path dir) {
        Site site = GuestScenarios.site("debian-preseed");
        Guest local = site.guests().get(0);
        assertThat(local.localization().utcClock()).isFalse();
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            hv.defineDomain(GuestVolumes.domainXml(local, site));
            DomainFacts live = DomainFacts.parse(hv.domainXml(local.name(), true));
            assertThat(live.clock()).isEqualTo("localtime");
            assertThat(live.sameAs(DomainFacts.of(local))).isTrue();
            assertThat(live.canonical()).endsWith("clock localtime");
        }
        Guest utc = GuestScenarios.guest("debian-1").os("debian11")
                .disk("default", 10, "virtio", "qcow2", "none")
                .nic("net-1", "52:54:00:05:01:31", "198.51.100.31")
                .install(org.miniascape.model.Install.Method.PRESEED,
                        "http://deb.debian.org/debian/dists/bullseye/main/installer-amd64/", null).build();
        DomainFacts want = DomainFacts.of(GuestScenarios.site(List.of(utc)).guests().get(0));
        DomainFacts have = DomainFacts.of(local);
        assertThat(have.sameAs(want)).isFalse();
        assertThat(have.differences(want)).containsExactly("clock localtime -> utc");
        assertThat(want.canonical()).noneMatch(l -> l.startsWith("clock"));
    }

    /** The MACs Preflight checks against the site's: each interface's, in lower case, in document order. */
    @Test
    void theMacsOfADomainAreItsInterfacesInLowerCase() {
        String xml = """
                <domain type='kvm'>
                  <name>web-1</name>
                  <devices>
                    <interface type='network'>
                      <mac address='52:54:00:AB:01:10'/>
                      <source network='lab' bridge='virbr1'/>
                      <target dev='vnet0'/>
                      <alias name='net0'/>
                    </interface>
                    <interface type='user'/>
                  </devices>
                  <devices>
                    <interface type='bridge'><mac address='52:54:00:ab:01:11'/><source bridge='br0'/></interface>
                  </devices>
                </domain>
                """;
        assertThat(DomainFacts.macs(xml)).containsExactly("52:54:00:ab:01:10", "52:54:00:ab:01:11");
    }
}
