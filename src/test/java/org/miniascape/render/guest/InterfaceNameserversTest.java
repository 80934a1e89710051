package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.ArtifactChecks;
import org.miniascape.testing.Cli;

/**
 * {@code nameservers: false} on an interface (0.3's {@code nodns}): the guest takes no name servers from it —
 * kickstart {@code network --nodns}, cloud-init no {@code nameservers} (static) or {@code dhcp4-overrides:
 * use-dns: false} (DHCP), preseed no {@code netcfg/get_nameservers} — while the other interfaces keep theirs.
 * Every file through its own validator (pykickstart, YAML, debconf).
 */
class InterfaceNameserversTest {
    static final String SITE = """
            site: lab
            domain: lab.example
            storage_pools:
              - {name: default, type: dir, path: /var/lib/libvirt/images}
            networks:
              - {name: nat, cidr: 198.51.100.0/24, dhcp: {static: {start: 198.51.100.10, end: 198.51.100.99}}}
              - {name: hb, mode: isolated, cidr: 203.0.113.0/24, dhcp: {static: {start: 203.0.113.10, end: 203.0.113.99}}}
            common:
              root_password: secret
              disks: [{pool: default, size: 10}]
            guests:
              - name: ks
                install: {method: kickstart, location: "http://example.org/rhel9/"}
                interfaces:
                  - {network: nat, mac: "52:54:00:00:01:01"}
                  - {network: hb, mac: "52:54:00:00:01:02", bootproto: static, nameservers: false}
                  - {network: hb2, mac: "52:54:00:00:01:03", nameservers: false}
              - name: ci
                install: {method: cloud-init, image: cloud.img}
                interfaces:
                  - {network: nat, mac: "52:54:00:00:02:01", bootproto: static, nameservers: false}
                  - {network: hb, mac: "52:54:00:00:02:02", nameservers: false}
                  - {network: hb2, mac: "52:54:00:00:02:03"}
              - name: pre
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
                interfaces: [{network: nat, bootproto: static, nameservers: false}]
              - name: pre-default
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
                interfaces: [{network: nat, bootproto: static}]
            """.replace("  - {name: hb, mode", "  - {name: hb2, mode: isolated, cidr: 192.0.2.0/24, dhcp: {static:"
            + " {start: 192.0.2.10, end: 192.0.2.99}}}\n  - {name: hb, mode");

    @TempDir
    static Path dir;
    static Path guests;

    @BeforeAll
    static void build() throws IOException {
        guests = ArtifactChecks.buildChecked(dir, SITE).resolve("guests");
    }

    @Test
    void kickstartWritesNodnsOnTheInterfacesThatTakeNoNameServers() throws IOException {
        List<String> networks = Files.readAllLines(guests.resolve("ks/ks.cfg")).stream()
                .filter(l -> l.startsWith("network ")).toList();
        assertThat(networks).hasSize(3);
        assertThat(networks.get(0)).startsWith("network --device=52:54:00:00:01:01 --bootproto=dhcp")
                .doesNotContain("--nodns");
        // static, without its name server and with --nodns
        assertThat(networks.get(1)).startsWith("network --device=52:54:00:00:01:02 --bootproto=static")
                .contains(" --nodns ").doesNotContain("--nameserver");
        assertThat(networks.get(2)).startsWith("network --device=52:54:00:00:01:03 --bootproto=dhcp")
                .contains(" --nodns ");
    }

    @Test
    void cloudInitGivesNoNameServersStaticallyAndRefusesThoseOfDhcp() throws IOException {
        Map<?, ?> ethernets = (Map<?, ?>) ((Map<?, ?>) GuestFilesTest.yaml(
                Files.readString(guests.resolve("ci/cloud-init/network-config")))).get("ethernets");
        Map<?, ?> first = (Map<?, ?>) ethernets.get("nic0");
        assertThat(first.get("dhcp4")).isEqualTo(false);
        assertThat(first.get("addresses")).isEqualTo(List.of("198.51.100.11/24"));
        assertThat(first.containsKey("routes")).isTrue();
        assertThat(first.containsKey("nameservers")).isFalse();
        Map<?, ?> second = (Map<?, ?>) ethernets.get("nic1");
        assertThat(second.get("dhcp4")).isEqualTo(true);
        assertThat(second.get("dhcp4-overrides")).isEqualTo(Map.of("use-routes", false, "use-dns", false));
        Map<?, ?> third = (Map<?, ?>) ethernets.get("nic2");
        assertThat(third.get("dhcp4-overrides")).as("the default: its DHCP server's name servers")
                .isEqualTo(Map.of("use-routes", false));
    }

    @Test
    void preseedWritesNoNameServerForAStaticFirstInterfaceWithout() {
        Map<String, String> none = ArtifactChecks.checkDebconf(guests.resolve("pre/preseed.cfg"));
        assertThat(none).containsEntry("netcfg/get_ipaddress", "198.51.100.12")
                .doesNotContainKey("netcfg/get_nameservers");
        Map<String, String> given = ArtifactChecks.checkDebconf(guests.resolve("pre-default/preseed.cfg"));
        assertThat(given).containsEntry("netcfg/get_nameservers", "198.51.100.1");
    }

    @Test
    void nameserversIsABoolean(@TempDir Path bad) throws IOException {
        Path config = bad.resolve("site.yml");
        Files.writeString(config, SITE.replace("bootproto: static, nameservers: false}]", "nameservers: none}]"));
        Cli.Run run = Cli.run("validate", "-C", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(config + ":").contains(": error: 'nameservers' of interface of guest must be"
                + " true or false, not a string 'none'");
    }
}
