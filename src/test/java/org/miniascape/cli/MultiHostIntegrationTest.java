package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.testing.Cli;
import org.miniascape.testing.LibvirtSandbox;

/**
 * A site over two real libvirt hosts: two sandboxed libvirtd, each in a network namespace of its own, joined by
 * a veth underlay (192.0.2.1, 192.0.2.2, inside those namespaces only), each host's shell {@code ip netns exec}
 * of its namespace and its uri the sandbox's socket. The CLI runs here: it touches the hosts only through their
 * daemons and their shells.
 */
@Tag("integration")
class MultiHostIntegrationTest {
    @RegisterExtension
    static final LibvirtSandbox KVM1 = new LibvirtSandbox();
    @RegisterExtension
    static final LibvirtSandbox KVM2 = new LibvirtSandbox();

    static final String WEB_MAC = "52:54:00:bb:00:10";
    static final String APP_MAC = "52:54:00:bb:00:11";

    @TempDir
    Path dir;

    Cli.Run cli(Path site, String... args) {
        String[] argv = new String[args.length + 2];
        System.arraycopy(args, 0, argv, 0, args.length);
        argv[args.length] = "-C";
        argv[args.length + 1] = site.toString();
        return Cli.run(Map.of(), dir, argv);
    }

    @Test
    void aNetworkHomedOnOneHostServesDhcpAndDnsOnTheOtherAndDownLeavesNothing() throws Exception {
        KVM1.underlay("192.0.2.1/24", KVM2, "192.0.2.2/24");
        Path site = Files.writeString(dir.resolve("site.yml"), Files.readString(
                Path.of("src/test/resources/multihost-apply/site.yml")).replace("@URI1@", KVM1.uri())
                .replace("@URI2@", KVM2.uri()).replace("@NS1@", KVM1.namespace()).replace("@NS2@", KVM2.namespace())
                .replace("@POOL@", dir.resolve("pool").toString()));

        Cli.Run up = cli(site, "up");
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains("+ network mia-lan@kvm1: create (not defined)",
                "+ network mia-lan@kvm2: create (not defined)", "network mia-lan@kvm1: created",
                "network mia-lan@kvm2: created", "link mia-lan@kvm1: created", "link mia-lan@kvm2: created",
                "boot mia-vm2@kvm2: created (start)");
        String vni = up.out().replaceFirst("(?s).*VXLAN mia-vx(\\d+) .*", "$1");
        String device = "mia-vx" + vni;

        // On kvm2 the network is a bridge only (no dnsmasq), and the VXLAN device is in it.
        assertThat(KVM2.dnsmasqPid("mia-lan")).isEmpty();
        assertThat(KVM1.dnsmasqPid("mia-lan")).isPresent();
        assertThat(KVM2.inNamespace("ip", "-o", "link", "show", "master", "mia-lan0").stdout()).contains(device);
        assertThat(KVM2.inNamespace("ip", "-d", "link", "show", "dev", device).stdout())
                .contains("vxlan id " + vni + " local 192.0.2.2 ").contains("dstport 4789");
        assertThat(KVM2.inNamespace("bridge", "fdb", "show", "dev", device).stdout())
                .contains("00:00:00:00:00:00 dst 192.0.2.1 ");

        // A client on kvm2's bridge gets its reservation from kvm1's dnsmasq, and resolves names through it.
        LibvirtSandbox.Client web = KVM2.client("mia-lan0", WEB_MAC);
        assertThat(web.dhcp()).isEqualTo("198.51.100.10");
        assertThat(web.dig("198.51.100.1", "web.two.test")).isEqualTo("198.51.100.10");
        assertThat(web.dig("198.51.100.1", "mia-vm2.two.test")).isEqualTo("198.51.100.20");
        // A client on each host reaches the other.
        LibvirtSandbox.Client app = KVM1.client("mia-lan0", APP_MAC);
        assertThat(app.dhcp()).isEqualTo("198.51.100.11");
        assertThat(app.ping("198.51.100.10")).isTrue();
        assertThat(web.ping("198.51.100.11")).isTrue();

        // status reads each host: the bridge-only network on kvm2 is as the site wants it there.
        Cli.Run status = cli(site, "status", "-o", "json");
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        assertThat(status.out().split("\"sync\" : \"in-sync\"", -1)).hasSize(3);

        Cli.Run again = cli(site, "up");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("= network mia-lan@kvm1: none", "= network mia-lan@kvm2: none",
                "= link mia-lan@kvm1: none", "= link mia-lan@kvm2: none", "= boot mia-vm2@kvm2: none (running)")
                .endsWith("\nPlan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy\n");

        Cli.Run down = cli(site, "down", "--yes");
        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        assertThat(down.out()).contains("- link mia-lan@kvm1: delete", "- link mia-lan@kvm2: delete",
                "link mia-lan@kvm2: deleted (ip link del dev " + device + ")");
        for (LibvirtSandbox h : new LibvirtSandbox[] {KVM1, KVM2}) {
            try (Hypervisor hv = Hypervisor.open(h.uri())) {
                assertThat(hv.networks()).isEmpty();
                assertThat(hv.domains()).isEmpty();
                assertThat(hv.pools()).isEmpty();
            }
            assertThat(h.inNamespace("ip", "-o", "link", "show", "type", "vxlan").stdout()).isBlank();
            assertThat(h.inNamespace("ip", "-o", "link", "show").stdout()).doesNotContain("mia-lan0");
        }

        // A host whose daemon is down: its action fails, naming it; the other host's are carried out.
        KVM2.stopDaemon();
        Cli.Run half = cli(site, "up");
        assertThat(half.exitCode()).as(half.out() + half.err()).isEqualTo(1);
        assertThat(half.out()).contains("+ host kvm2: create (cannot connect to libvirt at " + KVM2.uri(),
                "network mia-lan@kvm1: created", "link mia-lan@kvm1: created")
                .containsPattern("\nhost kvm2: FAILED: connect: host kvm2: cannot connect to libvirt at ");
        assertThat(half.err()).contains("1 of the plan's actions failed");
    }
}
