package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.LibvirtSandbox;

/** The binding against a real libvirtd in a private network namespace: DHCP, DNS, live updates, leases. */
@Tag("integration")
class HypervisorIntegrationTest {
    @RegisterExtension
    static final LibvirtSandbox LIBVIRT = new LibvirtSandbox();

    static final String NET = """
            <network>
              <name>itnet</name>
              <forward mode='nat'/>
              <bridge name='mia-it0'/>
              <domain name='it.test' localOnly='yes'/>
              <dns>
                <host ip='198.51.100.5'><hostname>db.it.test</hostname></host>
              </dns>
              <ip address='198.51.100.1' netmask='255.255.255.0'>
                <dhcp>
                  <range start='198.51.100.100' end='198.51.100.200'/>
                  <host mac='52:54:00:00:00:0a' name='web' ip='198.51.100.10'/>
                </dhcp>
              </ip>
            </network>
            """;

    @TempDir
    Path dir;

    @Test
    void dhcpDnsAndLiveUpdatesWithoutRestartingDnsmasq() {
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            hv.defineNetwork(NET);
            hv.setNetworkAutostart("itnet", true);
            hv.startNetwork("itnet");
            long pid = LIBVIRT.dnsmasqPid("itnet").orElseThrow();

            LibvirtSandbox.Client web = LIBVIRT.client("mia-it0", "52:54:00:00:00:0a");
            assertThat(web.dhcp()).isEqualTo("198.51.100.10");
            assertThat(web.dig("198.51.100.1", "web.it.test")).isEqualTo("198.51.100.10");
            assertThat(web.dig("198.51.100.1", "db.it.test")).isEqualTo("198.51.100.5");
            assertThat(hv.leases("itnet")).singleElement().satisfies(l -> {
                assertThat(l.mac()).isEqualTo("52:54:00:00:00:0a");
                assertThat(l.ip()).isEqualTo("198.51.100.10");
                assertThat(l.prefix()).isEqualTo(24);
                assertThat(l.iface()).isEqualTo("mia-it0");
            });

            hv.updateNetwork("itnet", NetworkUpdate.of(NetworkUpdate.Command.ADD_LAST,
                    NetworkUpdate.Section.IP_DHCP_HOST, "<host mac='52:54:00:00:00:0b' name='app' ip='198.51.100.11'/>"));
            hv.updateNetwork("itnet", NetworkUpdate.of(NetworkUpdate.Command.ADD_LAST,
                    NetworkUpdate.Section.DNS_HOST, "<host ip='198.51.100.6'><hostname>cache.it.test</hostname></host>"));
            assertThat(LIBVIRT.dnsmasqPid("itnet")).hasValue(pid);
            for (boolean inactive : new boolean[] {false, true}) {
                assertThat(hv.networkXml("itnet", inactive))
                        .contains("<host mac='52:54:00:00:00:0b' name='app' ip='198.51.100.11'/>")
                        .contains("cache.it.test");
            }
            LibvirtSandbox.Client app = LIBVIRT.client("mia-it0", "52:54:00:00:00:0b");
            assertThat(app.dhcp()).isEqualTo("198.51.100.11");
            assertThat(app.dig("198.51.100.1", "cache.it.test")).isEqualTo("198.51.100.6");
        }
    }

    @Test
    void qcow2OverlayWithDeclaredBackingFormat() {
        Path images = dir.resolve("images");
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            hv.definePool("<pool type='dir'><name>itpool</name><target><path>" + images + "</path></target></pool>");
            hv.buildPool("itpool");
            hv.startPool("itpool");
            VolumeStatus base = hv.createVolume("itpool", "<volume><name>base.qcow2</name>"
                    + "<capacity unit='M'>64</capacity><target><format type='qcow2'/><compat>1.1</compat></target>"
                    + "</volume>");
            hv.createVolume("itpool", "<volume><name>web.qcow2</name><capacity unit='M'>128</capacity>"
                    + "<target><format type='qcow2'/><compat>1.1</compat></target>"
                    + "<backingStore><path>" + base.path() + "</path><format type='qcow2'/></backingStore></volume>");
            assertThat(hv.volumeXml("itpool", "web.qcow2")).contains(base.path()).contains("<format type='qcow2'/>");
            assertThat(hv.volumes("itpool")).extracting(VolumeStatus::name).containsExactly("base.qcow2", "web.qcow2");
            assertThat(hv.volumeNames("itpool")).containsExactly("base.qcow2", "web.qcow2");
            hv.deleteVolume("itpool", "web.qcow2");
            hv.deleteVolume("itpool", "base.qcow2");
            hv.stopPool("itpool");
            hv.undefinePool("itpool");
        }
    }

    @Test
    void aPoolDefinedButNeverBuiltIsBuiltBeforeItStarts() {
        // As a run whose pool build failed (a parent directory not writable yet) leaves it: defined, no directory.
        Path images = dir.resolve("never-built");
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            hv.definePool("<pool type='dir'><name>itbuild</name><target><path>" + images + "</path></target></pool>");
            try {
                hv.buildPool("itbuild");
                hv.startPool("itbuild");
                assertThat(hv.pool("itbuild").orElseThrow().active()).isTrue();
                assertThat(images).isDirectory();
            } finally {
                if (hv.pool("itbuild").orElseThrow().active()) {
                    hv.stopPool("itbuild");
                }
                hv.undefinePool("itbuild");
            }
        }
    }
}
