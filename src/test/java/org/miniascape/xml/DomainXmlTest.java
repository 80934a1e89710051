package org.miniascape.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.MiniascapeException;
import org.miniascape.config.SiteLoader;
import org.miniascape.libvirt.DomainFacts;
import org.miniascape.libvirt.KernelBootFacts;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.render.guest.GuestScenarios;
import org.miniascape.testing.Golden;
import org.miniascape.xml.domain.ClockElement;
import org.miniascape.xml.domain.DevicesElement;
import org.miniascape.xml.domain.DiskElement;
import org.miniascape.xml.domain.DomainDefinition;
import org.miniascape.xml.domain.InterfaceElement;
import org.miniascape.xml.domain.MemoryElements;
import org.miniascape.xml.domain.OsElement;

/**
 * The domain XML read back: every golden domain.xml reads as the definition the model makes of its guest, and
 * each modelled element written again is the element as the file has it; libvirt's own form of a running
 * domain reads with what it adds (UUID, aliases, addresses, the bridge and tap device of an interface, KiB, an
 * upper-case MAC) and gives the facts the plan compares.
 */
class DomainXmlTest {

    /** Every golden domain.xml: {@code scenarios/NAME/expected/guests/GUEST/domain.xml} and the guest scenarios'. */
    static Stream<String> goldenDomains() throws IOException {
        try (Stream<Path> files = Files.walk(Golden.RESOURCES)) {
            List<String> found = files.filter(f -> f.getFileName().toString().equals("domain.xml"))
                    .map(f -> Golden.RESOURCES.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.contains("/expected/guests/")).sorted().toList();
            assertThat(found).hasSizeGreaterThanOrEqualTo(35);
            return found.stream();
        }
    }

    /** The site a golden file was built from: a build scenario's configuration, or a guest scenario. */
    private static Site siteOf(String golden) {
        String[] parts = golden.split("/");
        if (parts[0].equals("guests")) {
            return GuestScenarios.site(parts[1]);
        }
        Path config = Golden.RESOURCES.resolve("scenarios").resolve(parts[1]).resolve("config");
        return SiteLoader.load(Files.isDirectory(config) ? List.of(config.toString()) : List.of());
    }

    private static Guest guestOf(Site site, String golden) {
        String[] parts = golden.split("/");
        String name = parts[parts.length - 2];
        return site.guests().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenDomains")
    void aGoldenDomainReadsAsTheDefinitionOfItsGuest(String golden) throws IOException {
        String xml = Files.readString(Golden.RESOURCES.resolve(golden));
        Site site = siteOf(golden);
        Guest guest = guestOf(site, golden);
        assertThat(DomainXml.render(guest, site)).as("the golden file is this guest's").isEqualTo(xml);

        DomainDefinition read = DomainXml.read(xml);
        assertThat(read).isEqualTo(DomainDefinition.of(guest, DevicesElement.of(guest, site), Optional.empty(),
                Optional.empty()));
        assertThat(read.name()).isEqualTo(guest.name());
        assertThat(read.disks()).hasSize(xml.split("<disk ", -1).length - 1);
        assertThat(read.interfaces()).hasSize(xml.split("<interface ", -1).length - 1);
        assertThat(DomainFacts.of(read)).isEqualTo(DomainFacts.of(guest)).isEqualTo(DomainFacts.parse(xml));
    }

    /** Each element the definition models, written from what was read, is the element as the file has it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenDomains")
    void eachModelledElementWrittenFromTheReadIsTheFilesOwn(String golden) throws IOException {
        XmlElement root = XmlElement.parse(Files.readString(Golden.RESOURCES.resolve(golden)));
        DomainDefinition read = DomainXml.read(root);
        XmlElement os = root.child("os").orElseThrow();
        assertThat(written(w -> read.os().orElseThrow().write(w))).isEqualTo(written(os::write));
        assertThat(written(w -> read.clock().orElseThrow().write(w))).isEqualTo(written(root.child("clock")
                .orElseThrow()::write));
        assertThat(written(w -> read.memory().write(w))).isEqualTo(written(w -> Stream.of("memory",
                "currentMemory", "vcpu").forEach(n -> root.child(n).orElseThrow().write(w))));
        XmlElement devices = root.child("devices").orElseThrow();
        List<XmlElement> disks = devices.children("disk");
        assertThat(read.disks()).hasSameSizeAs(disks);
        for (int i = 0; i < disks.size(); i++) {
            DiskElement disk = read.disks().get(i);
            assertThat(written(disk::write)).isEqualTo(written(disks.get(i)::write));
        }
        List<XmlElement> nics = devices.children("interface");
        assertThat(read.interfaces()).hasSameSizeAs(nics);
        for (int i = 0; i < nics.size(); i++) {
            InterfaceElement nic = read.interfaces().get(i);
            assertThat(written(nic::write)).isEqualTo(written(nics.get(i)::write));
        }
    }

    /** The XML of what {@code write} writes (within a wrapper element, for groups of elements). */
    private static String written(Consumer<XmlWriter> write) {
        XmlWriter w = new XmlWriter();
        w.start("x");
        write.accept(w);
        return w.end().finish();
    }

    static final String MARK_DIGEST = "sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /** What {@code virsh dumpxml} shows of a running qemu domain miniascape defined (abridged). */
    static final String LIVE = """
            <domain type='kvm' id='7'>
              <name>web-1</name>
              <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
              <description>Web server</description>
              <metadata>
                <miniascape:owner xmlns:miniascape="https://miniascape.org/xmlns/owner/1" site="lab" \
            instance="i-1" digest="%s">
                  <miniascape:volume pool="lab" name="web-1-disk0.qcow2"/>
                </miniascape:owner>
              </metadata>
              <memory unit='KiB'>2097152</memory>
              <currentMemory unit='KiB'>2097152</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <resource>
                <partition>/machine</partition>
              </resource>
              <os>
                <type arch='x86_64' machine='pc-q35-8.2'>hvm</type>
                <boot dev='hd'/>
                <bios useserial='yes'/>
              </os>
              <features>
                <acpi/>
                <apic/>
                <vmport state='off'/>
              </features>
              <cpu mode='host-passthrough' check='none' migratable='on'/>
              <clock offset='utc'>
                <timer name='rtc' tickpolicy='catchup'/>
                <timer name='pit' tickpolicy='delay'/>
                <timer name='hpet' present='no'/>
                <timer name='kvmclock' present='yes'/>
              </clock>
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <disk type='volume' device='disk'>
                  <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap'/>
                  <source pool='lab' volume='web-1-disk0.qcow2' index='2'/>
                  <backingStore type='file' index='3'>
                    <format type='qcow2'/>
                    <source file='/var/lib/libvirt/images/base.qcow2'/>
                    <backingStore/>
                  </backingStore>
                  <target dev='vda' bus='virtio'/>
                  <alias name='virtio-disk0'/>
                  <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw' cache='none' io='native'/>
                  <source file='/srv/shared/quorum.img' index='1'/>
                  <backingStore/>
                  <target dev='vdb' bus='virtio'/>
                  <shareable/>
                  <alias name='virtio-disk1'/>
                  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
                </disk>
                <disk type='file' device='cdrom'>
                  <driver name='qemu' type='raw'/>
                  <target dev='sda' bus='sata'/>
                  <readonly/>
                  <alias name='sata0-0-0'/>
                  <address type='drive' controller='0' bus='0' target='0' unit='0'/>
                </disk>
                <controller type='pci' index='0' model='pcie-root'>
                  <alias name='pcie.0'/>
                </controller>
                <interface type='network'>
                  <mac address='52:54:00:AB:01:10'/>
                  <source network='lab' portid='a3c5e7f9-1b2d-4f6a-8c0e-123456789abc' bridge='virbr1'/>
                  <target dev='vnet0'/>
                  <model type='virtio'/>
                  <mtu size='1450'/>
                  <alias name='net0'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
                </interface>
                <interface type='bridge'>
                  <mac address='52:54:00:AB:01:11'/>
                  <source bridge='br0'/>
                  <target dev='vnet1'/>
                  <model type='e1000e'/>
                  <alias name='net1'/>
                </interface>
                <serial type='pty'>
                  <source path='/dev/pts/3'/>
                  <log file='/var/log/libvirt/qemu/web-1-serial.log' append='on'/>
                  <target type='isa-serial' port='0'>
                    <model name='isa-serial'/>
                  </target>
                  <alias name='serial0'/>
                </serial>
                <memballoon model='virtio'>
                  <alias name='balloon0'/>
                </memballoon>
              </devices>
              <seclabel type='dynamic' model='dac' relabel='yes'>
                <label>+107:+107</label>
              </seclabel>
            </domain>
            """.formatted(MARK_DIGEST);

    private static final Optional<String> NONE = Optional.empty();

    @Test
    void libvirtsFormOfARunningDomainReadsAsTheDocumentHasIt() {
        DomainDefinition d = DomainXml.read(LIVE);
        assertThat(d.name()).isEqualTo("web-1");
        assertThat(d.uuid()).contains("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
        assertThat(d.type()).isEqualTo("kvm");
        assertThat(d.description()).contains("Web server");
        assertThat(d.mark()).contains(new OwnerMark("lab", "i-1", MARK_DIGEST,
                List.of(new OwnerMark.VolumeRef("lab", "web-1-disk0.qcow2"))));
        MemoryElements.Size kib = new MemoryElements.Size(2097152, Optional.of("KiB"));
        assertThat(d.memory()).isEqualTo(new MemoryElements(Optional.of(kib), Optional.of(kib), Optional.of(2),
                Optional.of("static")));
        assertThat(d.os()).contains(new OsElement(NONE, Optional.of("x86_64"), Optional.of("pc-q35-8.2"),
                Optional.of("hvm"), NONE, NONE, NONE, List.of("hd"), true));
        assertThat(d.clock()).hasValueSatisfying(c -> {
            assertThat(c.offset()).contains("utc");
            assertThat(c.timers()).extracting(ClockElement.Timer::name)
                    .containsExactly("rtc", "pit", "hpet", "kvmclock");
        });
        assertThat(d.disks()).containsExactly(
                new DiskElement(Optional.of("volume"), Optional.of("disk"), Optional.of(new DiskElement.Driver(
                        Optional.of("qemu"), Optional.of("qcow2"), Optional.of("none"), Optional.of("native"),
                        Optional.of("unmap"))), Optional.of(DiskElement.Source.volume("lab", "web-1-disk0.qcow2")),
                        Optional.of(new DiskElement.Target(Optional.of("vda"), Optional.of("virtio"))), false,
                        false),
                new DiskElement(Optional.of("file"), Optional.of("disk"), Optional.of(new DiskElement.Driver(
                        Optional.of("qemu"), Optional.of("raw"), Optional.of("none"), Optional.of("native"), NONE)),
                        Optional.of(new DiskElement.Source(NONE, NONE, Optional.of("/srv/shared/quorum.img"), NONE,
                                NONE, NONE)),
                        Optional.of(new DiskElement.Target(Optional.of("vdb"), Optional.of("virtio"))), false, true),
                new DiskElement(Optional.of("file"), Optional.of("cdrom"), Optional.of(new DiskElement.Driver(
                        Optional.of("qemu"), Optional.of("raw"), NONE, NONE, NONE)), Optional.empty(),
                        Optional.of(new DiskElement.Target(Optional.of("sda"), Optional.of("sata"))), true, false));
        assertThat(d.interfaces()).containsExactly(
                new InterfaceElement(Optional.of("network"), Optional.of("52:54:00:AB:01:10"),
                        Optional.of(new InterfaceElement.Source(Optional.of("lab"), Optional.of("virbr1"))),
                        Optional.of("vnet0"), Optional.of("virtio"), Optional.of(1450)),
                new InterfaceElement(Optional.of("bridge"), Optional.of("52:54:00:AB:01:11"),
                        Optional.of(new InterfaceElement.Source(NONE, Optional.of("br0"))), Optional.of("vnet1"),
                        Optional.of("e1000e"), Optional.empty()));
    }

    /**
     * An element read from libvirt writes what the record models, as the document has it (the upper-case MAC,
     * the bridge and tap device of a running domain's interface, a file source), and none of what it does not
     * (aliases, addresses, the backing chain, the port's id, the source's index).
     */
    @Test
    void anElementReadFromLibvirtWritesWhatItModels() {
        DomainDefinition d = DomainXml.read(LIVE);
        assertThat(written(d.interfaces().get(0)::write)).isEqualTo("""
                <x>
                  <interface type="network">
                    <mac address="52:54:00:AB:01:10"/>
                    <source network="lab" bridge="virbr1"/>
                    <target dev="vnet0"/>
                    <model type="virtio"/>
                    <mtu size="1450"/>
                  </interface>
                </x>
                """);
        assertThat(written(d.disks().get(1)::write)).isEqualTo("""
                <x>
                  <disk type="file" device="disk">
                    <driver name="qemu" type="raw" cache="none" io="native"/>
                    <source file="/srv/shared/quorum.img"/>
                    <target dev="vdb" bus="virtio"/>
                    <shareable/>
                  </disk>
                </x>
                """);
        assertThat(written(d.memory()::write)).isEqualTo("""
                <x>
                  <memory unit="KiB">2097152</memory>
                  <currentMemory unit="KiB">2097152</currentMemory>
                  <vcpu placement="static">2</vcpu>
                </x>
                """);
        DiskElement again = DiskElement.read(XmlElement.parse(written(d.disks().get(0)::write)).children().get(0));
        assertThat(again).isEqualTo(d.disks().get(0));
    }

    /**
     * The facts the plan compares, and the lines of the mark's digest, are what they were before the typed
     * read: memory in MiB from KiB, the MAC in lower case, the network (not the bridge) of a running domain's
     * interface, a file disk's path after the empty pool, a source-less CD-ROM's empty source.
     */
    @Test
    void libvirtsFormGivesTheFactsThePlanCompares() {
        DomainFacts facts = DomainFacts.parse(LIVE);
        assertThat(facts).isEqualTo(new DomainFacts("web-1", "kvm", 2097152, 2, "x86_64",
                List.of("disk lab/web-1-disk0.qcow2 vda:virtio", "disk //srv/shared/quorum.img vdb:virtio shareable",
                        "cdrom  sda:sata readonly"),
                List.of("network 52:54:00:ab:01:10 lab virtio", "bridge 52:54:00:ab:01:11 br0 e1000e"),
                KernelBootFacts.NONE, "utc"));
        assertThat(facts.canonical()).containsExactly("type kvm", "memory 2097152", "vcpus 2", "arch x86_64",
                "disk disk lab/web-1-disk0.qcow2 vda:virtio", "disk disk //srv/shared/quorum.img vdb:virtio shareable",
                "disk cdrom  sda:sata readonly", "interface network 52:54:00:ab:01:10 lab virtio",
                "interface bridge 52:54:00:ab:01:11 br0 e1000e");
        assertThat(DomainFacts.of(DomainXml.read(LIVE))).isEqualTo(facts);
    }

    @Test
    void aDirectKernelBootKeepsItsTextAsWrittenAndALocalClockItsOffset() {
        String xml = """
                <domain type='qemu'>
                  <name>appliance-1</name>
                  <memory unit='MiB'>512</memory>
                  <os>
                    <type arch='aarch64' machine='virt'>hvm</type>
                    <kernel>/var/lib/libvirt/boot/vmlinuz</kernel>
                    <initrd>/var/lib/libvirt/boot/initrd.img</initrd>
                    <cmdline> root=/dev/vda  console=ttyAMA0 </cmdline>
                  </os>
                  <clock offset='localtime'/>
                </domain>
                """;
        DomainDefinition d = DomainXml.read(xml);
        assertThat(d.os()).contains(new OsElement(NONE, Optional.of("aarch64"), Optional.of("virt"),
                Optional.of("hvm"), Optional.of("/var/lib/libvirt/boot/vmlinuz"),
                Optional.of("/var/lib/libvirt/boot/initrd.img"), Optional.of(" root=/dev/vda  console=ttyAMA0 "),
                List.of(), false));
        assertThat(d.memory()).isEqualTo(new MemoryElements(Optional.of(new MemoryElements.Size(512,
                Optional.of("MiB"))), Optional.empty(), Optional.empty(), NONE));
        assertThat(d.uuid()).isEmpty();
        assertThat(d.mark()).isEmpty();
        assertThat(d.disks()).isEmpty();
        DomainFacts facts = DomainFacts.of(d);
        assertThat(facts.memoryKib()).isEqualTo(512 * 1024);
        assertThat(facts.vcpus()).as("libvirt's default").isEqualTo(1);
        assertThat(facts.kernelBoot()).isEqualTo(new KernelBootFacts("/var/lib/libvirt/boot/vmlinuz",
                "/var/lib/libvirt/boot/initrd.img", " root=/dev/vda  console=ttyAMA0 "));
        assertThat(facts.clock()).isEqualTo("localtime");
    }

    @Test
    void memorySizesConvertFromLibvirtsUnits() {
        assertThat(new MemoryElements.Size(2048, Optional.empty()).kib()).isEqualTo(2048);
        assertThat(new MemoryElements.Size(3, Optional.of("GiB")).kib()).isEqualTo(3L * 1024 * 1024);
        assertThat(new MemoryElements.Size(1_000_000, Optional.of("KB")).kib()).isEqualTo(976_562);
        assertThat(new MemoryElements.Size(4096, Optional.of("bytes")).kib()).isEqualTo(4);
        assertThatThrownBy(() -> new MemoryElements.Size(1, Optional.of("TiB")).kib())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown memory unit 'TiB'");
    }

    @Test
    void onlyADomainReadsAsOne() {
        assertThatThrownBy(() -> DomainXml.read("<network><name>lab</name></network>"))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("not a libvirt domain definition: root element <network>");
    }
}
