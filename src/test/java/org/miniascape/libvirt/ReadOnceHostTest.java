package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.TestDriver;

class ReadOnceHostTest {

    @TempDir
    Path dir;

    static final String NET = "<network><name>mia-a</name><bridge name='mia-a0'/>"
            + "<ip address='198.51.100.1' netmask='255.255.255.0'/></network>";

    @Test
    void answersAreTheHostsAsFirstReadAndAFailedReadIsAskedAgain() {
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            HostReader once = ReadOnceHost.of(hv);
            assertThat(ReadOnceHost.of(once)).isSameAs(once);
            assertThat(once.networks()).isEmpty();
            assertThatThrownBy(() -> once.networkXml("mia-a", true)).isInstanceOf(RuntimeException.class);

            hv.defineNetwork(NET);
            // what was read stays as it was read: one view of the host for one pass
            assertThat(once.networks()).isEmpty();
            assertThat(hv.networks()).hasSize(1);
            // a failure was not remembered: the definition is read now, and then kept
            String xml = once.networkXml("mia-a", true);
            assertThat(xml).contains("<name>mia-a</name>").isEqualTo(hv.networkXml("mia-a", true));
            hv.undefineNetwork("mia-a");
            assertThat(once.networkXml("mia-a", true)).isEqualTo(xml);
            assertThat(once.uri()).isEqualTo(hv.uri());
        }
    }

    @Test
    void aDomainIsAnsweredFromTheListingOfAllDomains() {
        String web = "<domain type='test'><name>web</name><memory>65536</memory><os><type>hvm</type></os></domain>";
        String db = web.replace("web", "db");
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir, web, db))) {
            hv.stopDomain("db"); // a host's domains start running
            HostReader once = ReadOnceHost.of(hv);
            assertThat(once.domain("web")).contains(new DomainStatus("web", DomainStatus.State.RUNNING, true));
            assertThat(once.domain("db")).contains(new DomainStatus("db", DomainStatus.State.SHUTOFF, true));
            assertThat(once.domain("none")).isEmpty();
            assertThat(once.domain("web")).isEqualTo(hv.domain("web"));
            assertThat(once.domains()).isEqualTo(hv.domains());
        }
    }

    @Test
    void aNetworkIsAnsweredFromTheListingOfAllNetworks() {
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            hv.defineNetwork(NET);
            hv.defineNetwork(NET.replace("mia-a", "mia-b").replace("198.51.100.", "203.0.113."));
            hv.startNetwork("mia-b");
            HostReader once = ReadOnceHost.of(hv);
            assertThat(once.network("mia-a")).isEqualTo(hv.network("mia-a")).get()
                    .extracting(NetworkStatus::active).isEqualTo(false);
            assertThat(once.network("mia-b")).isEqualTo(hv.network("mia-b")).get()
                    .extracting(NetworkStatus::active).isEqualTo(true);
            assertThat(once.network("none")).isEmpty();
            // one listing answers every name: a network defined after it is not seen, one removed still is
            hv.defineNetwork(NET.replace("mia-a", "mia-c").replace("198.51.100.", "192.0.2."));
            hv.undefineNetwork("mia-a");
            assertThat(once.network("mia-c")).isEmpty();
            assertThat(once.network("mia-a")).isPresent();
            assertThat(once.networks()).extracting(NetworkStatus::name).containsExactly("mia-a", "mia-b");
        }
    }

    @Test
    void domainsReadTogetherAreRememberedAndOnlyTheUnreadAreAsked() {
        String web = "<domain type='test'><name>web</name><memory>65536</memory><os><type>hvm</type></os></domain>";
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir, web, web.replace("web", "db")))) {
            HostReader once = ReadOnceHost.of(hv);
            String webXml = once.domainXml("web", true);
            hv.stopDomain("web");
            hv.undefineDomain("web");
            hv.defineDomain(web.replace("<memory>65536", "<memory>131072"));
            // web was read before: its first answer stays; db is read now; a name without a domain is left out
            assertThat(once.domainXmls(java.util.List.of("web", "db", "none"), true))
                    .containsExactly(java.util.Map.entry("web", webXml), java.util.Map.entry("db", hv.domainXml("db", true)));
            hv.stopDomain("db");
            hv.undefineDomain("db");
            assertThat(once.domainXml("db", true)).contains("<name>db</name>");
            assertThat(hv.domainXml("web", true)).isNotEqualTo(webXml);
        }
    }
}
