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

/**
 * From YAML to install files: an interface on a network this host serves DHCP for is configured by DHCP (the
 * reservation gives the address), one on a bridge whose DHCP is not ours statically, and {@code bootproto}
 * overrides either; cloud-init gets timezone, locale and keyboard only when the site sets them, kickstart and
 * preseed always (their defaults otherwise).
 */
class InterfaceBootprotoTest {
    static final String SITE = """
            site: lab
            domain: lab.example
            storage_pools:
              - {name: default, type: dir, path: /var/lib/libvirt/images}
            networks:
              - name: nat
                mode: nat
                cidr: 198.51.100.0/24
                dhcp:
                  static: {start: 198.51.100.10, end: 198.51.100.99}
              - name: lan
                mode: bridge
                bridge: br0
                cidr: 192.0.2.0/24
                gateway: 192.0.2.1
            guests:
              - name: ci-default
                disks: [{pool: default, size: 10}]
                interfaces:
                  - {network: nat, mac: "52:54:00:00:00:01"}
                  - {network: lan, mac: "52:54:00:00:00:02", ip: 192.0.2.20}
                install: {method: cloud-init, image: cloud.img}
              - name: ci-swapped
                disks: [{pool: default, size: 10}]
                interfaces:
                  - {network: nat, mac: "52:54:00:00:00:03", bootproto: static}
                  - {network: lan, mac: "52:54:00:00:00:04", ip: 192.0.2.21, bootproto: dhcp}
                install: {method: cloud-init, image: cloud.img}
                timezone: Europe/Berlin
              - name: ks-1
                disks: [{pool: default, size: 10}]
                interfaces:
                  - {network: nat, mac: "52:54:00:00:00:05", bootproto: static}
                  - {network: lan, mac: "52:54:00:00:00:06", ip: 192.0.2.22, bootproto: dhcp}
                install: {method: kickstart, location: "http://example.org/rhel9/"}
              - name: ks-2
                disks: [{pool: default, size: 10}]
                interfaces: [{network: nat, mac: "52:54:00:00:00:07"}]
                install: {method: kickstart, location: "http://example.org/rhel9/"}
                lang: de_DE.UTF-8
                keyboard: de
                timezone: Europe/Berlin
              - name: pre-dhcp
                disks: [{pool: default, size: 10}]
                interfaces: [{network: nat}]
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
              - name: pre-static
                disks: [{pool: default, size: 10}]
                interfaces: [{network: nat, bootproto: static}]
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
            """;

    @TempDir
    static Path dir;
    static Path guests;

    @BeforeAll
    static void build() throws IOException {
        guests = ArtifactChecks.buildChecked(dir, SITE).resolve("guests");
    }

    @Test
    void cloudInitUsesDhcpWhereTheNetworkServesItAndStaticOnABridge() throws IOException {
        Map<?, ?> ethernets = ethernets("ci-default");
        Map<String, Object> nat = map(ethernets.get("nic0"));
        Map<String, Object> lan = map(ethernets.get("nic1"));
        assertThat(nat.get("match")).isEqualTo(Map.of("macaddress", "52:54:00:00:00:01"));
        assertThat(nat.get("dhcp4")).isEqualTo(true);
        // The first interface takes the default route its DHCP server offers.
        assertThat(nat).doesNotContainKeys("addresses", "routes", "dhcp4-overrides", "nameservers");
        assertThat(lan.get("dhcp4")).isEqualTo(false);
        assertThat(lan.get("addresses")).isEqualTo(List.of("192.0.2.20/24"));
        assertThat(lan).doesNotContainKeys("routes");
    }

    @Test
    void bootprotoOverridesTheNetworksDefaultInCloudInit() throws IOException {
        Map<?, ?> ethernets = ethernets("ci-swapped");
        Map<String, Object> nat = map(ethernets.get("nic0"));
        Map<String, Object> lan = map(ethernets.get("nic1"));
        assertThat(nat.get("dhcp4")).isEqualTo(false);
        assertThat(nat.get("addresses")).isEqualTo(List.of("198.51.100.11/24"));
        assertThat(nat.get("routes")).isEqualTo(List.of(Map.of("to", "default", "via", "198.51.100.1")));
        assertThat(lan.get("dhcp4")).isEqualTo(true);
        // Not the first interface: the routes of its DHCP server are ignored, as a static one would have none.
        assertThat(lan.get("dhcp4-overrides")).isEqualTo(Map.of("use-routes", false));
    }

    @Test
    void cloudInitWritesOnlyTheLocaleSettingsTheSiteSets() throws IOException {
        Map<String, Object> none = userData("ci-default");
        assertThat(none).containsKeys("hostname", "fqdn").doesNotContainKeys("timezone", "locale", "keyboard");
        Map<String, Object> timezoneOnly = userData("ci-swapped");
        assertThat(timezoneOnly.get("timezone")).isEqualTo("Europe/Berlin");
        assertThat(timezoneOnly).doesNotContainKeys("locale", "keyboard");
    }

    @Test
    void kickstartFollowsBootprotoAndKeepsItsLocaleDefaults() throws IOException {
        List<String> ks1 = Files.readAllLines(guests.resolve("ks-1/ks.cfg"));
        assertThat(ks1).contains("network --device=52:54:00:00:00:05 --bootproto=static --ip=198.51.100.12"
                        + " --netmask=255.255.255.0 --gateway=198.51.100.1 --nameserver=198.51.100.1 --onboot=yes"
                        + " --activate --hostname=ks-1.lab.example",
                "network --device=52:54:00:00:00:06 --bootproto=dhcp --nodefroute --onboot=yes --activate",
                "lang en_US.UTF-8", "keyboard --vckeymap=us", "timezone UTC --utc");
        List<String> ks2 = Files.readAllLines(guests.resolve("ks-2/ks.cfg"));
        assertThat(ks2).contains("network --device=52:54:00:00:00:07 --bootproto=dhcp --onboot=yes --activate"
                        + " --hostname=ks-2.lab.example",
                "lang de_DE.UTF-8", "keyboard --vckeymap=de", "timezone Europe/Berlin --utc");
    }

    @Test
    void preseedConfiguresTheFirstInterfaceByDhcpUnlessStatic() {
        Map<String, String> dhcp = ArtifactChecks.checkDebconf(guests.resolve("pre-dhcp/preseed.cfg"));
        assertThat(dhcp).doesNotContainKeys("netcfg/disable_autoconfig", "netcfg/get_ipaddress")
                .containsEntry("debian-installer/locale", "en_US.UTF-8").containsEntry("time/zone", "UTC");
        Map<String, String> fixed = ArtifactChecks.checkDebconf(guests.resolve("pre-static/preseed.cfg"));
        assertThat(fixed).containsEntry("netcfg/disable_autoconfig", "true")
                .containsEntry("netcfg/get_ipaddress", "198.51.100.15")
                .containsEntry("netcfg/get_gateway", "198.51.100.1");
    }

    @Test
    void theSerialConsoleIsLoggedOnTheHost() throws IOException {
        assertThat(Files.readString(guests.resolve("ks-1/domain.xml")))
                .contains("<log file=\"/var/log/libvirt/qemu/ks-1-serial.log\" append=\"on\"/>");
        assertThat(Files.readString(guests.resolve("ks-1/vmbuild.sh")))
                .contains("log.file=/var/log/libvirt/qemu/ks-1-serial.log,log.append=on");
    }

    private static Map<?, ?> ethernets(String guest) throws IOException {
        Map<?, ?> net = (Map<?, ?>) GuestFilesTest.yaml(
                Files.readString(guests.resolve(guest + "/cloud-init/network-config")));
        assertThat(net.get("version")).isEqualTo(2);
        return (Map<?, ?>) net.get("ethernets");
    }

    private static Map<String, Object> userData(String guest) throws IOException {
        return map(GuestFilesTest.yaml(Files.readString(guests.resolve(guest + "/cloud-init/user-data"))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        assertThat(yaml).isInstanceOf(Map.class);
        return (Map<String, Object>) yaml;
    }
}
