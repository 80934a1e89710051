package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;
import org.miniascape.testing.TestDriver;

/** The binding against libvirt's test driver, a fresh private host per test. */
class HypervisorTest {
    static final String NET = """
            <network>
              <name>lab</name>
              <forward mode='nat'/>
              <bridge name='mia-lab'/>
              <domain name='lab.test'/>
              <dns>
                <host ip='198.51.100.5'><hostname>db</hostname></host>
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
    Hypervisor hv;

    @BeforeEach
    void open() {
        hv = Hypervisor.open(TestDriver.uri(dir));
    }

    @AfterEach
    void close() {
        hv.close();
    }

    @Test
    void networkLifecycle() {
        assertThat(hv.network("lab")).isEmpty();
        assertThat(hv.defineNetwork(NET)).isEqualTo("lab");
        assertThat(hv.network("lab")).contains(new NetworkStatus("lab", false, true, false, "mia-lab"));

        hv.setNetworkAutostart("lab", true);
        hv.startNetwork("lab");
        assertThat(hv.network("lab")).contains(new NetworkStatus("lab", true, true, true, "mia-lab"));
        assertThat(hv.networks()).extracting(NetworkStatus::name).containsExactly("lab");
        assertThat(hv.networkXml("lab", false)).contains("<host mac='52:54:00:00:00:0a' name='web'");

        hv.stopNetwork("lab");
        hv.undefineNetwork("lab");
        assertThat(hv.network("lab")).isEmpty();
        assertThat(hv.networks()).isEmpty();
    }

    @Test
    void updatesDhcpAndDnsHostsLiveAndInConfig() {
        hv.defineNetwork(NET);
        hv.startNetwork("lab");

        hv.updateNetwork("lab", NetworkUpdate.of(NetworkUpdate.Command.ADD_LAST,
                NetworkUpdate.Section.IP_DHCP_HOST, "<host mac='52:54:00:00:00:0b' name='app' ip='198.51.100.11'/>"));
        hv.updateNetwork("lab", NetworkUpdate.of(NetworkUpdate.Command.MODIFY,
                NetworkUpdate.Section.IP_DHCP_HOST, "<host mac='52:54:00:00:00:0a' name='web' ip='198.51.100.12'/>"));
        hv.updateNetwork("lab", NetworkUpdate.of(NetworkUpdate.Command.ADD_LAST,
                NetworkUpdate.Section.DNS_HOST, "<host ip='198.51.100.6'><hostname>cache</hostname></host>"));
        hv.updateNetwork("lab", NetworkUpdate.of(NetworkUpdate.Command.DELETE,
                NetworkUpdate.Section.DNS_HOST, "<host ip='198.51.100.5'><hostname>db</hostname></host>"));

        // The test driver has no separate inactive XML; the integration tests check the config side.
        assertThat(hv.networkXml("lab", false)).contains("<host mac='52:54:00:00:00:0b' name='app' ip='198.51.100.11'/>")
                    .contains("<host mac='52:54:00:00:00:0a' name='web' ip='198.51.100.12'/>")
                    .contains("<host ip='198.51.100.6'>")
                .doesNotContain("198.51.100.5'");
    }

    @Test
    void failedUpdateCarriesLibvirtsMessage() {
        hv.defineNetwork(NET);
        assertThatThrownBy(() -> hv.updateNetwork("lab", NetworkUpdate.of(NetworkUpdate.Command.ADD_LAST,
                NetworkUpdate.Section.IP_DHCP_HOST, "<host mac='52:54:00:00:00:0a' name='x' ip='198.51.100.13'/>")))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("update network lab (ADD_LAST IP_DHCP_HOST)")
                .hasMessageContaining("52:54:00:00:00:0a");
    }

    @Test
    void operationsOnAbsentObjectsFailWithLibvirtsMessage() {
        assertThatThrownBy(() -> hv.startNetwork("nope"))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("start network nope")
                .hasMessageContaining("no network with matching name 'nope'")
                .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(1));
        assertThatThrownBy(() -> hv.defineNetwork("<network><name>bad"))
                .isInstanceOf(MiniascapeException.class).hasMessageStartingWith("define network: ");
    }

    @Test
    void leasesOfAnInactiveNetworkAreEmpty() {
        hv.defineNetwork(NET);
        assertThat(hv.leases("lab")).isEmpty();
    }

    @Test
    void poolsAndVolumesWithBackingStore() {
        Path poolDir = dir.resolve("images");
        String poolXml = "<pool type='dir'><name>lab</name><target><path>" + poolDir + "</path></target></pool>";
        assertThat(hv.pool("lab")).isEmpty();
        assertThat(hv.definePool(poolXml)).isEqualTo("lab");
        hv.buildPool("lab");
        hv.setPoolAutostart("lab", true);
        hv.startPool("lab");
        assertThat(hv.pool("lab")).contains(new PoolStatus("lab", true, true, true));
        assertThat(hv.pools()).extracting(PoolStatus::name).containsExactly("lab");

        hv.createVolume("lab", "<volume><name>base.qcow2</name><capacity unit='G'>1</capacity>"
                + "<target><format type='qcow2'/></target></volume>");
        VolumeStatus overlay = hv.createVolume("lab", "<volume><name>web.qcow2</name><capacity unit='G'>2</capacity>"
                + "<target><format type='qcow2'/></target>"
                + "<backingStore><path>" + poolDir.resolve("base.qcow2") + "</path><format type='qcow2'/></backingStore>"
                + "</volume>");
        assertThat(overlay.name()).isEqualTo("web.qcow2");
        assertThat(overlay.capacity()).isEqualTo(2L << 30);
        assertThat(hv.volume("lab", "web.qcow2")).contains(overlay);
        assertThat(hv.volume("lab", "nope.qcow2")).isEmpty();
        assertThat(hv.volumes("lab")).extracting(VolumeStatus::name).containsExactly("base.qcow2", "web.qcow2");
        assertThat(hv.volumeNames("lab")).containsExactly("base.qcow2", "web.qcow2");

        hv.deleteVolume("lab", "web.qcow2");
        hv.deleteVolume("lab", "base.qcow2");
        hv.stopPool("lab");
        hv.undefinePool("lab");
        assertThat(hv.pool("lab")).isEmpty();
    }

    @Test
    void domainLifecycle() {
        String xml = """
                <domain type='test'>
                  <name>web</name>
                  <memory unit='MiB'>64</memory>
                  <os><type>hvm</type></os>
                </domain>
                """;
        assertThat(hv.domain("web")).isEmpty();
        assertThat(hv.defineDomain(xml)).isEqualTo("web");
        assertThat(hv.domain("web")).contains(new DomainStatus("web", DomainStatus.State.SHUTOFF, true));
        hv.startDomain("web");
        assertThat(hv.domain("web").orElseThrow().active()).isTrue();
        assertThat(hv.domains()).extracting(DomainStatus::name).containsExactly("web");
        assertThat(hv.domainXml("web", true)).contains("<name>web</name>");
        hv.stopDomain("web");
        assertThat(hv.domain("web").orElseThrow().state()).isEqualTo(DomainStatus.State.SHUTOFF);
        hv.undefineDomain("web");
        assertThat(hv.domains()).isEmpty();
    }

    @Test
    void theListingOfDomainsHasEachOnesStateAsAskingItAlone() {
        String web = "<domain type='test'><name>web</name><memory unit='MiB'>64</memory><os><type>hvm</type></os>"
                + "</domain>";
        hv.defineDomain(web);
        hv.defineDomain(web.replace("web", "db"));
        hv.defineDomain(web.replace("web", "cache"));
        hv.startDomain("web");
        hv.startDomain("cache");
        hv.stopDomain("cache");
        assertThat(hv.domains()).containsExactly(hv.domain("cache").orElseThrow(), hv.domain("db").orElseThrow(),
                hv.domain("web").orElseThrow());
        assertThat(hv.domains()).extracting(DomainStatus::state).containsExactly(DomainStatus.State.SHUTOFF,
                DomainStatus.State.SHUTOFF, DomainStatus.State.RUNNING);
        assertThat(hv.domains()).allMatch(DomainStatus::persistent);
    }

    @Test
    void domainsReadTogetherAreEachAsReadAlone() {
        String web = "<domain type='test'><name>web</name><memory unit='MiB'>64</memory><os><type>hvm</type></os>"
                + "</domain>";
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 3 * LibvirtHypervisor.PARALLEL_READS + 1; i++) {
            names.add("web-" + i);
            hv.defineDomain(web.replace("web", "web-" + i));
        }
        hv.startDomain("web-1");
        java.util.List<String> asked = new java.util.ArrayList<>(names.subList(1, names.size()));
        asked.add("none");
        java.util.Map<String, String> inactive = hv.domainXmls(asked, true);
        assertThat(inactive.keySet()).containsExactlyInAnyOrderElementsOf(names.subList(1, names.size()));
        inactive.forEach((name, xml) -> assertThat(xml).contains("<name>" + name + "</name>")
                .isEqualTo(hv.domainXml(name, true)));
        assertThat(hv.domainXmls(java.util.List.of("web-1"), false))
                .containsExactly(java.util.Map.entry("web-1", hv.domainXml("web-1", false)));
        assertThat(hv.domainXmls(java.util.List.of(), true)).isEmpty();
    }

    @Test
    void connectingToABadUriFails() {
        assertThatThrownBy(() -> Hypervisor.open("test://" + dir.resolve("missing.xml")))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("cannot connect to libvirt at test://");
    }

    @Test
    void reportsTheLibvirtVersionAndUri() {
        assertThat(hv.libvirtVersion()).isGreaterThanOrEqualTo(1_000_000L);
        assertThat(hv.uri()).startsWith("test://");
    }
}
