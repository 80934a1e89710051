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
import org.miniascape.xml.domain.ChannelElement;
import org.miniascape.xml.domain.ClockElement;
import org.miniascape.xml.domain.ConsoleElement;
import org.miniascape.xml.domain.ControllerElement;
import org.miniascape.xml.domain.CpuElement;
import org.miniascape.xml.domain.DeviceElement;
import org.miniascape.xml.domain.DevicesElement;
import org.miniascape.xml.domain.DiskElement;
import org.miniascape.xml.domain.DomainDefinition;
import org.miniascape.xml.domain.FeaturesElement;
import org.miniascape.xml.domain.GraphicsElement;
import org.miniascape.xml.domain.InputElement;
import org.miniascape.xml.domain.InterfaceElement;
import org.miniascape.xml.domain.LifecycleElements;
import org.miniascape.xml.domain.MemballoonElement;
import org.miniascape.xml.domain.MemoryElements;
import org.miniascape.xml.domain.OsElement;
import org.miniascape.xml.domain.PmElement;
import org.miniascape.xml.domain.RngElement;
import org.miniascape.xml.domain.SerialElement;
import org.miniascape.xml.domain.VideoElement;

/**
 * The domain XML read back: every golden domain.xml reads as the definition the model makes of its guest and
 * writes back to the same bytes (the header comment written again), and each modelled element written again is
 * the element as the file has it; libvirt's own form of a running domain reads with what it adds (UUID,
 * aliases, addresses, controllers, the bridge and tap device of an interface, ptys, KiB, an upper-case MAC) as
 * typed values, writes back with what is modelled, and gives the facts the plan compares.
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

    private static final String HEADER_LINE = "<!-- " + DomainXml.HEADER + " -->\n";

    /**
     * The whole golden file reads and writes back to the same bytes. The reader does not keep comments, so the
     * header comment (the file's first line) is not in what was read: {@link DomainDefinition#toXml} is the file
     * without it, and {@link DomainXml#write} writes it again before the element, giving the whole file.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenDomains")
    void aGoldenDomainReadsAndWritesBackToTheSameBytes(String golden) throws IOException {
        String xml = Files.readString(Golden.RESOURCES.resolve(golden));
        assertThat(xml).startsWith(HEADER_LINE);
        DomainDefinition read = DomainXml.read(xml);
        assertThat(read.toXml()).isEqualTo(xml.substring(HEADER_LINE.length()));
        assertThat(DomainXml.write(read)).isEqualTo(xml);
        assertThat(read.devices().orElseThrow().devices()).as("every device of the file is read")
                .hasSize(devicesIn(XmlElement.parse(xml)));
    }

    /** How many devices the document's {@code <devices>} has. */
    private static int devicesIn(XmlElement root) {
        return root.child("devices").orElseThrow().children().size();
    }

    /** Rendered with a UUID and a mark, a guest's domain reads back as the same definition and the same bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenDomains")
    void renderedWithUuidAndMarkReadsBackToTheSameDefinition(String golden) {
        Site site = siteOf(golden);
        Guest guest = guestOf(site, golden);
        Optional<String> uuid = Optional.of("4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
        Optional<OwnerMark> mark = Optional.of(new OwnerMark("lab", "i-1", MARK_DIGEST,
                List.of(new OwnerMark.VolumeRef("default", guest.name() + "-disk0.qcow2")), true));
        String xml = DomainXml.render(guest, site, uuid, mark);
        DomainDefinition read = DomainXml.read(xml);
        assertThat(read).isEqualTo(DomainDefinition.of(guest, DevicesElement.of(guest, site), uuid, mark));
        assertThat(DomainXml.write(read)).isEqualTo(xml);
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
        assertThat(written(w -> read.features().orElseThrow().write(w))).isEqualTo(written(root.child("features")
                .orElseThrow()::write));
        read.cpu().ifPresentOrElse(c -> assertThat(written(c::write)).isEqualTo(written(root.child("cpu")
                .orElseThrow()::write)), () -> assertThat(root.child("cpu")).isEmpty());
        assertThat(written(w -> read.lifecycle().write(w))).isEqualTo(written(w -> Stream.of("on_poweroff",
                "on_reboot", "on_crash").forEach(n -> root.child(n).orElseThrow().write(w))));
        assertThat(written(w -> read.pm().orElseThrow().write(w))).isEqualTo(written(root.child("pm")
                .orElseThrow()::write));
        List<DeviceElement> all = read.devices().orElseThrow().devices();
        assertThat(all).hasSameSizeAs(devices.children());
        for (int i = 0; i < all.size(); i++) {
            assertThat(written(all.get(i)::write)).isEqualTo(written(devices.children().get(i)::write));
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
                <smm state='on'/>
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
              <pm>
                <suspend-to-mem enabled='no'/>
                <suspend-to-disk enabled='no'/>
              </pm>
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
                <controller type='pci' index='1' model='pcie-root-port'>
                  <model name='pcie-root-port'/>
                  <target chassis='1' port='0x10'/>
                  <alias name='pci.1'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' multifunction='on'/>
                </controller>
                <controller type='usb' index='0' model='qemu-xhci' ports='15'>
                  <alias name='usb'/>
                  <address type='pci' domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>
                </controller>
                <controller type='sata' index='0'>
                  <alias name='ide'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>
                </controller>
                <controller type='virtio-serial' index='0'>
                  <alias name='virtio-serial0'/>
                  <address type='pci' domain='0x0000' bus='0x03' slot='0x00' function='0x0'/>
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
                <console type='pty' tty='/dev/pts/3'>
                  <source path='/dev/pts/3'/>
                  <log file='/var/log/libvirt/qemu/web-1-serial.log' append='on'/>
                  <target type='serial' port='0'/>
                  <alias name='serial0'/>
                </console>
                <channel type='unix'>
                  <source mode='bind' path='/run/libvirt/qemu/channel/7-web-1/org.qemu.guest_agent.0'/>
                  <target type='virtio' name='org.qemu.guest_agent.0' state='connected'/>
                  <alias name='channel0'/>
                  <address type='virtio-serial' controller='0' bus='0' port='1'/>
                </channel>
                <input type='mouse' bus='ps2'>
                  <alias name='input0'/>
                </input>
                <input type='keyboard' bus='ps2'>
                  <alias name='input1'/>
                </input>
                <graphics type='vnc' port='5900' autoport='yes' listen='127.0.0.1'>
                  <listen type='address' address='127.0.0.1'/>
                </graphics>
                <audio id='1' type='none'/>
                <video>
                  <model type='virtio' heads='1' primary='yes'/>
                  <alias name='video0'/>
                  <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>
                </video>
                <memballoon model='virtio'>
                  <stats period='10'/>
                  <alias name='balloon0'/>
                  <address type='pci' domain='0x0000' bus='0x06' slot='0x00' function='0x0'/>
                </memballoon>
                <rng model='virtio'>
                  <backend model='random'>/dev/urandom</backend>
                  <alias name='rng0'/>
                  <address type='pci' domain='0x0000' bus='0x07' slot='0x00' function='0x0'/>
                </rng>
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
     * The elements beyond memory, os, clock, disks and interfaces read from libvirt's form as it has them: the
     * {@code <smm>} it adds, the controllers of each bus (a root port's model and target), the console's pty and
     * the log it repeats, the agent channel's socket and state, the PS/2 inputs, the port the display got and
     * its {@code listen} attribute, the video model's heads, the balloon's statistics; aliases and addresses are
     * not kept, nor the {@code <audio>} no record models.
     */
    @Test
    void libvirtsFormOfARunningDomainGivesEveryElementItsTypedValues() {
        DomainDefinition d = DomainXml.read(LIVE);
        assertThat(d.features()).contains(new FeaturesElement(true, true, false, Optional.of("off"),
                Optional.of("on")));
        assertThat(d.cpu()).contains(new CpuElement(Optional.of("host-passthrough"), NONE, Optional.of("none"),
                Optional.of("on"), Optional.empty(), Optional.empty(), List.of()));
        assertThat(d.lifecycle()).isEqualTo(new LifecycleElements(Optional.of("destroy"), Optional.of("restart"),
                Optional.of("destroy")));
        assertThat(d.pm()).contains(new PmElement(Optional.of("no"), Optional.of("no")));
        DevicesElement devices = d.devices().orElseThrow();
        assertThat(devices.emulator()).contains("/usr/bin/qemu-system-x86_64");
        assertThat(devices.devices()).extracting(x -> x.getClass().getSimpleName()).containsExactly(
                "DiskElement", "DiskElement", "DiskElement", "ControllerElement", "ControllerElement",
                "ControllerElement", "ControllerElement", "ControllerElement", "InterfaceElement",
                "InterfaceElement", "SerialElement", "ConsoleElement", "ChannelElement", "InputElement",
                "InputElement", "GraphicsElement", "VideoElement", "MemballoonElement", "RngElement");
        assertThat(devices.all(ControllerElement.class)).containsExactly(
                new ControllerElement(Optional.of("pci"), Optional.of("0"), Optional.of("pcie-root"), NONE, NONE,
                        Optional.empty()),
                new ControllerElement(Optional.of("pci"), Optional.of("1"), Optional.of("pcie-root-port"), NONE,
                        Optional.of("pcie-root-port"), Optional.of(new ControllerElement.Target(Optional.of("1"),
                        Optional.of("0x10")))),
                new ControllerElement(Optional.of("usb"), Optional.of("0"), Optional.of("qemu-xhci"),
                        Optional.of("15"), NONE, Optional.empty()),
                new ControllerElement(Optional.of("sata"), Optional.of("0"), NONE, NONE, NONE, Optional.empty()),
                new ControllerElement(Optional.of("virtio-serial"), Optional.of("0"), NONE, NONE, NONE,
                        Optional.empty()));
        SerialElement.Log log = new SerialElement.Log(Optional.of("/var/log/libvirt/qemu/web-1-serial.log"),
                Optional.of("on"));
        assertThat(devices.all(SerialElement.class)).containsExactly(new SerialElement(Optional.of("pty"),
                Optional.of("/dev/pts/3"), Optional.of(log), Optional.of(new SerialElement.Target(
                Optional.of("isa-serial"), Optional.of("0"), Optional.of("isa-serial")))));
        assertThat(devices.all(ConsoleElement.class)).containsExactly(new ConsoleElement(Optional.of("pty"),
                Optional.of("/dev/pts/3"), Optional.of("/dev/pts/3"), Optional.of(log),
                Optional.of(new ConsoleElement.Target(Optional.of("serial"), Optional.of("0")))));
        assertThat(devices.all(ChannelElement.class)).containsExactly(new ChannelElement(Optional.of("unix"),
                Optional.of(new ChannelElement.Source(Optional.of("bind"),
                        Optional.of("/run/libvirt/qemu/channel/7-web-1/org.qemu.guest_agent.0"))),
                Optional.of(new ChannelElement.Target(Optional.of("virtio"), Optional.of("org.qemu.guest_agent.0"),
                        Optional.of("connected")))));
        assertThat(devices.all(InputElement.class)).containsExactly(
                new InputElement(Optional.of("mouse"), Optional.of("ps2")),
                new InputElement(Optional.of("keyboard"), Optional.of("ps2")));
        assertThat(devices.all(GraphicsElement.class)).containsExactly(new GraphicsElement(Optional.of("vnc"),
                Optional.of("5900"), Optional.of("yes"), Optional.of("127.0.0.1"), List.of(
                new GraphicsElement.Listen(Optional.of("address"), Optional.of("127.0.0.1"), NONE))));
        assertThat(devices.all(VideoElement.class)).containsExactly(new VideoElement(Optional.of(
                new VideoElement.Model(Optional.of("virtio"), NONE, Optional.of("1"), Optional.of("yes")))));
        assertThat(devices.all(MemballoonElement.class)).containsExactly(new MemballoonElement(Optional.of("virtio"),
                Optional.of("10")));
        assertThat(devices.all(RngElement.class)).containsExactly(RngElement.URANDOM);
        assertThat(devices.disks()).isEqualTo(d.disks()).hasSize(3);
        assertThat(devices.interfaces()).isEqualTo(d.interfaces()).hasSize(2);
    }

    /** libvirt's form written back: the fixed order, with what the records model and nothing else. */
    @Test
    void libvirtsFormIsWrittenBackInTheFixedOrderWithWhatIsModelled() {
        assertThat(DomainXml.read(LIVE).toXml()).isEqualTo("""
                <domain type="kvm">
                  <name>web-1</name>
                  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
                  <description>Web server</description>
                  <metadata>
                    <miniascape:owner xmlns:miniascape="https://miniascape.org/xmlns/owner/1" site="lab" \
                instance="i-1" digest="%s">
                      <miniascape:volume pool="lab" name="web-1-disk0.qcow2"/>
                    </miniascape:owner>
                  </metadata>
                  <memory unit="KiB">2097152</memory>
                  <currentMemory unit="KiB">2097152</currentMemory>
                  <vcpu placement="static">2</vcpu>
                  <os>
                    <type arch="x86_64" machine="pc-q35-8.2">hvm</type>
                    <boot dev="hd"/>
                    <bios useserial="yes"/>
                  </os>
                  <features>
                    <acpi/>
                    <apic/>
                    <vmport state="off"/>
                    <smm state="on"/>
                  </features>
                  <cpu mode="host-passthrough" check="none" migratable="on"/>
                  <clock offset="utc">
                    <timer name="rtc" tickpolicy="catchup"/>
                    <timer name="pit" tickpolicy="delay"/>
                    <timer name="hpet" present="no"/>
                    <timer name="kvmclock" present="yes"/>
                  </clock>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <pm>
                    <suspend-to-mem enabled="no"/>
                    <suspend-to-disk enabled="no"/>
                  </pm>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <disk type="volume" device="disk">
                      <driver name="qemu" type="qcow2" cache="none" io="native" discard="unmap"/>
                      <source pool="lab" volume="web-1-disk0.qcow2"/>
                      <target dev="vda" bus="virtio"/>
                    </disk>
                    <disk type="file" device="disk">
                      <driver name="qemu" type="raw" cache="none" io="native"/>
                      <source file="/srv/shared/quorum.img"/>
                      <target dev="vdb" bus="virtio"/>
                      <shareable/>
                    </disk>
                    <disk type="file" device="cdrom">
                      <driver name="qemu" type="raw"/>
                      <target dev="sda" bus="sata"/>
                      <readonly/>
                    </disk>
                    <controller type="pci" index="0" model="pcie-root"/>
                    <controller type="pci" index="1" model="pcie-root-port">
                      <model name="pcie-root-port"/>
                      <target chassis="1" port="0x10"/>
                    </controller>
                    <controller type="usb" index="0" model="qemu-xhci" ports="15"/>
                    <controller type="sata" index="0"/>
                    <controller type="virtio-serial" index="0"/>
                    <interface type="network">
                      <mac address="52:54:00:AB:01:10"/>
                      <source network="lab" bridge="virbr1"/>
                      <target dev="vnet0"/>
                      <model type="virtio"/>
                      <mtu size="1450"/>
                    </interface>
                    <interface type="bridge">
                      <mac address="52:54:00:AB:01:11"/>
                      <source bridge="br0"/>
                      <target dev="vnet1"/>
                      <model type="e1000e"/>
                    </interface>
                    <serial type="pty">
                      <source path="/dev/pts/3"/>
                      <log file="/var/log/libvirt/qemu/web-1-serial.log" append="on"/>
                      <target type="isa-serial" port="0">
                        <model name="isa-serial"/>
                      </target>
                    </serial>
                    <console type="pty" tty="/dev/pts/3">
                      <source path="/dev/pts/3"/>
                      <log file="/var/log/libvirt/qemu/web-1-serial.log" append="on"/>
                      <target type="serial" port="0"/>
                    </console>
                    <channel type="unix">
                      <source mode="bind" path="/run/libvirt/qemu/channel/7-web-1/org.qemu.guest_agent.0"/>
                      <target type="virtio" name="org.qemu.guest_agent.0" state="connected"/>
                    </channel>
                    <input type="mouse" bus="ps2"/>
                    <input type="keyboard" bus="ps2"/>
                    <graphics type="vnc" port="5900" autoport="yes" listen="127.0.0.1">
                      <listen type="address" address="127.0.0.1"/>
                    </graphics>
                    <video>
                      <model type="virtio" heads="1" primary="yes"/>
                    </video>
                    <memballoon model="virtio">
                      <stats period="10"/>
                    </memballoon>
                    <rng model="virtio">
                      <backend model="random">/dev/urandom</backend>
                    </rng>
                  </devices>
                </domain>
                """.formatted(MARK_DIGEST));
    }

    /**
     * A TCG guest's CPU as libvirt writes it (custom mode, the emulated model, required features, a topology),
     * a SPICE display's channel, an egd RNG backend, and a domain without the elements libvirt may leave out.
     */
    @Test
    void otherFormsReadAsTheDocumentHasThemAndMissingPartsStayMissing() {
        DomainDefinition d = DomainXml.read("""
                <domain type='qemu'>
                  <name>tcg-1</name>
                  <features><acpi/><pae/><vmport/></features>
                  <cpu mode='custom' match='exact' check='full'>
                    <model fallback='forbid'>qemu64</model>
                    <topology sockets='1' dies='1' cores='2' threads='1'/>
                    <feature policy='require' name='x2apic'/>
                    <feature policy='disable' name='svm'/>
                  </cpu>
                  <on_reboot>restart</on_reboot>
                  <devices>
                    <channel type='spicevmc'>
                      <target type='virtio' name='com.redhat.spice.0'/>
                    </channel>
                    <rng model='virtio'>
                      <backend model='egd' type='udp'>
                        <source mode='bind' service='1234'/>
                      </backend>
                    </rng>
                    <watchdog model='i6300esb' action='reset'/>
                  </devices>
                </domain>
                """);
        assertThat(d.features()).contains(new FeaturesElement(true, false, true, Optional.of(""), NONE));
        assertThat(d.cpu()).contains(new CpuElement(Optional.of("custom"), Optional.of("exact"), Optional.of("full"),
                NONE, Optional.of(new CpuElement.Model(Optional.of("forbid"), "qemu64")),
                Optional.of(new CpuElement.Topology(Optional.of("1"), Optional.of("1"), Optional.of("2"),
                        Optional.of("1"))),
                List.of(new CpuElement.Feature(Optional.of("require"), Optional.of("x2apic")),
                        new CpuElement.Feature(Optional.of("disable"), Optional.of("svm")))));
        assertThat(d.lifecycle()).isEqualTo(new LifecycleElements(NONE, Optional.of("restart"), NONE));
        assertThat(d.pm()).isEmpty();
        assertThat(d.os()).isEmpty();
        assertThat(d.devices().orElseThrow().devices()).containsExactly(
                new ChannelElement(Optional.of("spicevmc"), Optional.empty(), Optional.of(new ChannelElement.Target(
                        Optional.of("virtio"), Optional.of("com.redhat.spice.0"), NONE))),
                new RngElement(Optional.of("virtio"), Optional.of(new RngElement.Backend(Optional.of("egd"), NONE))));
        assertThat(d.toXml()).isEqualTo("""
                <domain type="qemu">
                  <name>tcg-1</name>
                  <features>
                    <acpi/>
                    <pae/>
                    <vmport/>
                  </features>
                  <cpu mode="custom" match="exact" check="full">
                    <model fallback="forbid">qemu64</model>
                    <topology sockets="1" dies="1" cores="2" threads="1"/>
                    <feature policy="require" name="x2apic"/>
                    <feature policy="disable" name="svm"/>
                  </cpu>
                  <on_reboot>restart</on_reboot>
                  <devices>
                    <channel type="spicevmc">
                      <target type="virtio" name="com.redhat.spice.0"/>
                    </channel>
                    <rng model="virtio">
                      <backend model="egd"/>
                    </rng>
                  </devices>
                </domain>
                """);
        DomainDefinition bare = DomainXml.read("<domain type='kvm'><name>bare</name></domain>");
        assertThat(bare.devices()).isEmpty();
        assertThat(bare.disks()).isEmpty();
        assertThat(bare.features()).isEmpty();
        assertThat(bare.cpu()).isEmpty();
        assertThat(bare.lifecycle()).isEqualTo(new LifecycleElements(NONE, NONE, NONE));
        assertThat(bare.toXml()).isEqualTo("""
                <domain type="kvm">
                  <name>bare</name>
                </domain>
                """);
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
