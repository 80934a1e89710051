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
import org.miniascape.testing.Tools;

/**
 * {@code hardware_clock}, {@code ntp_servers}, {@code selinux}, {@code kdump} and {@code firewall.services} in the
 * install files of the methods that are not kickstart (KickstartReleasesTest has every release): preseed through
 * debconf-set-selections and its late script through shellcheck, cloud-init through its own schema, the domain's
 * clock and virt-install's through virt-xml-validate and the script checks (ArtifactChecks on the whole build).
 */
class GuestSystemSettingsTest {
    static final String SITE = """
            site: lab
            domain: lab.example
            storage_pools:
              - {name: default, type: dir, path: /var/lib/libvirt/images}
            networks:
              - {name: nat, cidr: 198.51.100.0/24, dhcp: {static: {start: 198.51.100.10, end: 198.51.100.99}}}
            common:
              root_password: secret
              disks: [{pool: default, size: 10}]
              interfaces: [{network: nat}]
              ntp_servers: [ntp1.example.org, 198.51.100.1]
              kdump: {enabled: true}
              firewall: {services: [http]}
            guests:
              - name: pre
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
                hardware_clock: local
                selinux: disabled
              - name: pre-utc
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
                ntp_servers: []
              - name: ci
                install: {method: cloud-init, image: cloud.img}
              - name: imp
                install: {method: import, image: windows.qcow2}
                hardware_clock: local
            """;

    @TempDir
    static Path dir;
    static Path guests;

    @BeforeAll
    static void build() throws IOException {
        guests = ArtifactChecks.buildChecked(dir, SITE).resolve("guests");
    }

    @Test
    void preseedSetsTheHardwareClockAndTheNtpServerDebconfReads() throws IOException {
        Map<String, String> local = ArtifactChecks.checkDebconf(guests.resolve("pre/preseed.cfg"));
        assertThat(local).containsEntry("clock-setup/utc", "false").containsEntry("clock-setup/ntp", "true")
                .containsEntry("clock-setup/ntp-server", "ntp1.example.org");
        Map<String, String> utc = ArtifactChecks.checkDebconf(guests.resolve("pre-utc/preseed.cfg"));
        assertThat(utc).containsEntry("clock-setup/utc", "true").doesNotContainKey("clock-setup/ntp-server");
        // every server for the installed system's systemd-timesyncd, one NTP= line
        String late = Files.readString(guests.resolve("pre/preseed-late.sh"));
        assertThat(late).contains("\nprintf '[Time]\\nNTP=%s\\n' 'ntp1.example.org 198.51.100.1' >/etc/systemd/"
                + "timesyncd.conf.d/50-miniascape.conf\n");
        Path conf = dir.resolve("timesyncd.conf");
        Tools.assertSucceeds("sh", "-c", "printf '[Time]\\nNTP=%s\\n' 'ntp1.example.org 198.51.100.1' >" + conf);
        assertThat(Files.readString(conf)).isEqualTo("[Time]\nNTP=ntp1.example.org 198.51.100.1\n");
        assertThat(Files.readString(guests.resolve("pre-utc/preseed-late.sh"))).doesNotContain("timesyncd");
        // kdump, SELinux and the firewall are kickstart's: nothing of them in the other install files
        assertThat(Files.readString(guests.resolve("pre/preseed.cfg")) + late).doesNotContain("kdump")
                .doesNotContain("crashkernel").doesNotContain("selinux").doesNotContain("firewall");
    }

    @Test
    void cloudInitConfiguresNtpAsItsSchemaSays() throws IOException {
        Path userData = guests.resolve("ci/cloud-init/user-data");
        Tools.assertSucceeds("cloud-init", "schema", "-c", userData.toString());
        Map<?, ?> user = (Map<?, ?>) new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings
                .builder().build()).loadFromString(Files.readString(userData));
        assertThat(user.get("ntp")).isEqualTo(Map.of("enabled", true, "servers", List.of("ntp1.example.org",
                "198.51.100.1")));
        assertThat(Files.readString(userData)).doesNotContain("kdump").doesNotContain("crashkernel");
    }

    @Test
    void aLocalHardwareClockIsTheDomainsLocaltimeClock() throws IOException {
        for (String g : List.of("pre", "imp")) {
            assertThat(Files.readString(guests.resolve(g + "/domain.xml"))).contains("<clock offset=\"localtime\">");
            assertThat(Files.readString(guests.resolve(g + "/vmbuild.sh"))).contains("--clock 'offset=localtime,");
        }
        assertThat(Files.readString(guests.resolve("ci/domain.xml"))).contains("<clock offset=\"utc\">");
        assertThat(Files.readString(guests.resolve("pre-utc/vmbuild.sh"))).contains("--clock 'offset=utc,");
    }
}
