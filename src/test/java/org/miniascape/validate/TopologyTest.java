package org.miniascape.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Host;
import org.miniascape.model.NetworkSpan;
import org.miniascape.model.Site;
import org.miniascape.model.Topology;

/** The resolved topology of sites with hosts: defaults, derivations and what stays as before without hosts. */
class TopologyTest {
    static final String HOSTS = """
            site: lab
            hosts:
              - {name: kvm1, uri: "qemu+ssh://root@kvm1/system", underlay: 192.0.2.11}
              - {name: kvm2, uri: "qemu+ssh://admin@kvm2:2222/system", underlay: 192.0.2.12%s}
              - {name: kvm3, uri: "qemu:///system", underlay: 192.0.2.13, shell: "ip netns exec kvm3"}
            networks:
              - {name: lan, cidr: 198.51.100.0/24, dhcp: {static: {start: 198.51.100.10, end: 198.51.100.99}}}
              - {name: ext, mode: bridge, bridge: br0}
            guests:
              - {name: a, host: kvm2, interfaces: [{network: lan}, {network: ext}]}
              - {name: b, host: kvm1, interfaces: [{network: lan}]}
            """;

    static Site load(String yaml) {
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", yaml)));
    }

    @Test
    void aSiteWithoutHostsHasNoTopology() {
        Site site = load("site: lab\nnetworks: [{name: lan, cidr: 198.51.100.0/24}]\n");
        assertThat(site.topology()).isEqualTo(Topology.NONE);
        assertThat(site.topology().declared()).isFalse();
        assertThat(site.network("lan").orElseThrow().mtu()).isEmpty();
    }

    @Test
    void homeDefaultsToTheFirstHostAndTheSpanIsHomePlusTheGuestsHosts() {
        Site site = load(HOSTS.formatted(""));
        NetworkSpan lan = site.topology().network("lan").orElseThrow();
        assertThat(lan.home()).isEqualTo("kvm1");
        assertThat(lan.hosts()).containsExactly("kvm1", "kvm2");
        assertThat(lan.stretched()).isTrue();
        // A bridge network is the host's own LAN on each host: no VNI, never stretched, no MTU of ours.
        NetworkSpan ext = site.topology().network("ext").orElseThrow();
        assertThat(ext.vni()).isEmpty();
        assertThat(ext.stretched()).isFalse();
        assertThat(ext.hosts()).containsExactly("kvm1", "kvm2");
        assertThat(site.topology().nicMtu("ext")).isEmpty();
    }

    @Test
    void theVniIsDerivedFromSiteAndNetworkAndAvoidsTakenOnes() {
        Site site = load(HOSTS.formatted(""));
        int derived = TopologyResolver.deriveVni("lab", "lan", new java.util.HashSet<>());
        assertThat(site.topology().network("lan").orElseThrow().vni()).isEqualTo(OptionalInt.of(derived));
        assertThat(derived).isBetween(1, NetworkSpan.MAX_VNI);
        // SHA-256("lab/lan"), first three bytes: fixed for ever, so hosts agree across builds and versions.
        assertThat(derived).isEqualTo(TopologyResolver.deriveVni("lab", "lan", new java.util.HashSet<>()));
        int next = TopologyResolver.deriveVni("lab", "lan", new java.util.HashSet<>(Set.of(derived)));
        assertThat(next).isNotEqualTo(derived).isBetween(1, NetworkSpan.MAX_VNI);
        // A given VNI equal to the derived one of another network pushes that one on.
        Site clash = load(HOSTS.formatted("").replace("{name: ext, mode: bridge, bridge: br0}",
                "{name: san, mode: isolated, cidr: 203.0.113.0/24, vni: " + derived + "}")
                .replace("{network: ext}", "{network: san, ip: 203.0.113.10}"));
        assertThat(clash.topology().network("san").orElseThrow().vni()).isEqualTo(OptionalInt.of(derived));
        assertThat(clash.topology().network("lan").orElseThrow().vni()).isEqualTo(OptionalInt.of(next));
    }

    @Test
    void aStretchedNetworkIsLoweredBy50BytesUnlessTheUnderlayIsRaised() {
        Site lowered = load(HOSTS.formatted(""));
        assertThat(lowered.topology().nicMtu("lan")).contains(1450);
        assertThat(lowered.network("lan").orElseThrow().mtu()).contains(1450);
        Site raised = load(HOSTS.formatted(", underlay_mtu: 1550").replace("underlay: 192.0.2.11}",
                "underlay: 192.0.2.11, underlay_mtu: 9000}"));
        assertThat(raised.topology().nicMtu("lan")).isEmpty();
        assertThat(raised.network("lan").orElseThrow().mtu()).isEmpty();
        // Jumbo frames where the underlay carries them.
        Site jumbo = load(HOSTS.formatted(", underlay_mtu: 9050").replace("underlay: 192.0.2.11}",
                "underlay: 192.0.2.11, underlay_mtu: 9050}").replace("cidr: 198.51.100.0/24,", "cidr: 198.51.100.0/24, mtu: 9000,"));
        assertThat(jumbo.topology().nicMtu("lan")).contains(9000);
    }

    @Test
    void aNetworkOnOneHostIsNotStretchedAndKeepsItsMtu() {
        Site site = load(HOSTS.formatted("").replace("host: kvm2", "host: kvm1"));
        assertThat(site.topology().network("lan").orElseThrow().hosts()).containsExactly("kvm1");
        assertThat(site.topology().nicMtu("lan")).isEmpty();
        assertThat(site.network("lan").orElseThrow().mtu()).isEmpty();
    }

    @Test
    void eachHostsShellIsResolved() {
        Site site = load(HOSTS.formatted(""));
        assertThat(site.topology().host("kvm1").orElseThrow().shell())
                .isEqualTo(new Host.Shell(Host.Shell.Kind.SSH, List.of("ssh", "root@kvm1")));
        assertThat(site.topology().host("kvm2").orElseThrow().shell())
                .isEqualTo(new Host.Shell(Host.Shell.Kind.SSH, List.of("ssh", "-p", "2222", "admin@kvm2")));
        assertThat(site.topology().host("kvm3").orElseThrow().shell())
                .isEqualTo(new Host.Shell(Host.Shell.Kind.COMMAND, List.of("ip", "netns", "exec", "kvm3")));
        Site local = load(HOSTS.formatted("").replace(", shell: \"ip netns exec kvm3\"", ""));
        assertThat(local.topology().host("kvm3").orElseThrow().shell()).isEqualTo(Host.Shell.LOCAL);
        assertThat(site.topology().host("kvm1").orElseThrow().underlayMtu()).isEqualTo(1500);
        assertThat(site.topology().host("kvm1").orElseThrow().memoryMib()).isEqualTo(Optional.empty());
    }

    @Test
    void aGroupsHostIsItsMembersHost() {
        Site site = load(HOSTS.formatted("").replace("""
                  - {name: b, host: kvm1, interfaces: [{network: lan}]}
                """, """
                  - name: grp
                    host: kvm3
                    guests:
                      - {name: b, interfaces: [{network: lan}]}
                      - {name: c, host: kvm1, interfaces: [{network: lan}]}
                """));
        assertThat(site.topology().hostOf("b")).contains("kvm3");
        assertThat(site.topology().hostOf("c")).contains("kvm1");
        assertThat(site.topology().network("lan").orElseThrow().hosts()).containsExactly("kvm1", "kvm2", "kvm3");
    }
}
