package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import org.miniascape.model.StoragePool;
import org.miniascape.testing.LibvirtSandbox;
import org.miniascape.testing.Tools;
import org.miniascape.xml.NetworkXml;

/**
 * The guest scripts for real, against a sandboxed libvirtd: net_register.sh changes running networks live
 * (a client then gets the reserved address by DHCP and resolves the name) and a second run changes nothing;
 * vmbuild.sh creates the overlay volume through the storage API and virt-install builds and starts the guest
 * (TCG).
 */
@Tag("integration")
class GuestScriptsIntegrationTest {
    @RegisterExtension
    static final LibvirtSandbox LIBVIRT = new LibvirtSandbox();

    @TempDir
    Path dir;

    ExecResult virsh(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("virsh", "-q", "-c", LIBVIRT.uri()));
        argv.addAll(List.of(args));
        return Tools.assertSucceeds(argv.toArray(String[]::new));
    }

    ExecResult script(Path script, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return new Executor().run(Command.of(argv).env("QEMU_CONNECT", LIBVIRT.uri()));
    }

    void startNetwork(Network n) throws IOException {
        Path xml = dir.resolve("live-" + n.name() + ".xml");
        Files.writeString(xml, NetworkXml.render(n));
        virsh("net-define", xml.toString());
        virsh("net-start", n.name());
    }

    void removeNetwork(String name) {
        new Executor().run(Command.of("virsh", "-q", "-c", LIBVIRT.uri(), "net-destroy", name));
        new Executor().run(Command.of("virsh", "-q", "-c", LIBVIRT.uri(), "net-undefine", name));
    }

    @Test
    void netRegisterUpdatesRunningNetworksLiveAndASecondRunChangesNothing() throws IOException {
        Site site = GuestScenarios.site("ubuntu-cloud-init");
        Guest guest = site.guests().get(0);
        // What runs now: net-1 holds a stale reservation of the guest's MAC (another address), net-2 nothing.
        Site stale = GuestScenarios.site(List.of(GuestScenarios.guest("ubuntu-1")
                .nic("net-1", "52:54:00:05:01:41", "198.51.100.99").build()));
        startNetwork(stale.network("net-1").orElseThrow());
        startNetwork(GuestScenarios.site(List.of()).network("net-2").orElseThrow());
        try {
            long dnsmasq = LIBVIRT.dnsmasqPid("net-1").orElseThrow();
            Path work = GuestTestHost.generate(site, dir.resolve("work"));
            Path register = work.resolve("guests/ubuntu-1/net_register.sh");

            ExecResult first = script(register);
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout()).contains("net-1: ip-dhcp-host <host mac=\"52:54:00:05:01:41\"/>: removed",
                    "net-1: ip-dhcp-host <host mac=\"52:54:00:05:01:41\" name=\"ubuntu-1\" ip=\"198.51.100.41\"/>: added",
                    "net-2: ip-dhcp-host <host mac=\"52:54:00:05:02:41\" name=\"ubuntu-1\" ip=\"203.0.113.41\"/>: added",
                    "net-1: dns-host", "net-2: dns-host");
            String net1 = virsh("net-dumpxml", "net-1").stdout();
            assertThat(net1).contains("<host mac='52:54:00:05:01:41' name='ubuntu-1' ip='198.51.100.41'/>")
                    .doesNotContain("198.51.100.99");
            assertThat(virsh("net-dumpxml", "--inactive", "net-1").stdout()).contains("ip='198.51.100.41'");

            ExecResult second = script(register);
            assertThat(second.exitCode()).as(second.stderr()).isZero();
            assertThat(second.stdout()).doesNotContain("added", "removed").contains("present");
            assertThat(virsh("net-dumpxml", "net-1").stdout()).isEqualTo(net1);

            // Live for real: libvirt's dnsmasq (not restarted) hands out the reservation and answers the name.
            assertThat(LIBVIRT.dnsmasqPid("net-1")).hasValue(dnsmasq);
            LibvirtSandbox.Client client = LIBVIRT.client("virbr151", guest.nics().get(0).mac().toString());
            assertThat(client.dhcp()).isEqualTo("198.51.100.41");
            assertThat(client.dig("198.51.100.1", "ubuntu-1.net-1.lab.example")).isEqualTo("198.51.100.41");
        } finally {
            removeNetwork("net-1");
            removeNetwork("net-2");
        }
    }

    @Test
    void vmbuildCreatesTheOverlayVolumeAndBuildsTheGuest() throws IOException {
        Path pool = Files.createDirectories(dir.resolve("pool"));
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", pool.resolve("base.qcow2").toString(), "64M");
        Site site = GuestScenarios.site(List.of(GuestScenarios.guest("tcg-1").os("generic")
                .virtType(Guest.VirtType.QEMU).memory(256)
                .disk("default", 1, "virtio", "qcow2", "none")
                .nic("net-1", "52:54:00:05:01:a1", "198.51.100.161")
                .install(Install.Method.IMPORT, null, "base.qcow2").build()),
                List.of(new StoragePool("default", "dir", pool.toString(), true, org.miniascape.model.Origin.NONE)));
        startNetwork(site.network("net-1").orElseThrow());
        virsh("pool-define-as", "default", "dir", "--target", pool.toString());
        virsh("pool-start", "default");
        try {
            Path work = GuestTestHost.generate(site, dir.resolve("work"));
            Path vmbuild = work.resolve("guests/tcg-1/vmbuild.sh");

            ExecResult dry = script(vmbuild, "--dry-run");
            assertThat(dry.exitCode()).as(dry.stdout() + dry.stderr()).isZero();
            assertThat(virsh("vol-list", "default").stdout()).doesNotContain("tcg-1-disk0.qcow2");

            ExecResult build = script(vmbuild);
            assertThat(build.exitCode()).as(build.stdout() + build.stderr()).isZero();
            String vol = virsh("vol-dumpxml", "--pool", "default", "tcg-1-disk0.qcow2").stdout();
            assertThat(vol).contains("<compat>1.1</compat>", "<path>" + pool.resolve("base.qcow2") + "</path>")
                    .containsPattern("<backingStore>[\\s\\S]*<format type='qcow2'/>");
            String domain = virsh("dumpxml", "tcg-1").stdout();
            assertThat(domain).contains("<mac address='52:54:00:05:01:a1'/>", "<source network='net-1'",
                    "tcg-1-disk0.qcow2", "<domain type='qemu'");
            assertThat(virsh("domstate", "tcg-1").stdout().strip()).isEqualTo("running");
            // The serial console is logged on the host, where README says (the sandbox's /var/log/libvirt).
            assertThat(domain).contains("<log file='/var/log/libvirt/qemu/tcg-1-serial.log' append='on'/>");
            assertThat(LIBVIRT.stateDir().resolve("log/qemu/tcg-1-serial.log")).isRegularFile();

            // Built once: a second run finds the volume and leaves it; virt-install refuses the existing guest.
            ExecResult again = script(vmbuild, "--dry-run");
            assertThat(again.stdout()).contains("volume tcg-1-disk0.qcow2 exists in pool default");
        } finally {
            new Executor().run(Command.of("virsh", "-q", "-c", LIBVIRT.uri(), "destroy", "tcg-1"));
            new Executor().run(Command.of("virsh", "-q", "-c", LIBVIRT.uri(), "undefine", "tcg-1"));
            new Executor().run(Command.of("virsh", "-q", "-c", LIBVIRT.uri(), "pool-destroy", "default"));
            new Executor().run(Command.of("virsh", "-q", "-c", LIBVIRT.uri(), "pool-undefine", "default"));
            removeNetwork("net-1");
        }
    }
}
