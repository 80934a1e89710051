package org.miniascape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.model.Guest;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;
import org.miniascape.validate.ConfigException;

class SiteLoaderTest {

    static Site load(String yaml) {
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", yaml)));
    }

    @Test
    void embeddedDefaultSiteHasThreeNetworksAndEveryInterfaceReserved() {
        Site site = SiteLoader.load(List.of());
        assertThat(site.networks()).extracting(Network::name).containsExactly("net-1", "net-2", "net-3");
        assertThat(site.network("net-1").orElseThrow().mode().key()).isEqualTo("nat");
        assertThat(site.network("net-2").orElseThrow().mode().key()).isEqualTo("isolated");
        for (Guest g : site.guests()) {
            assertThat(g.nics()).as(g.name()).isNotEmpty();
            for (Nic nic : g.nics()) {
                assertThat(nic.mac()).as(g.name()).isNotNull();
                assertThat(nic.ip()).as(g.name()).isPresent();
                Network net = site.network(nic.network()).orElseThrow();
                assertThat(net.reservations()).contains(new Reservation(g.name(), nic.mac(), nic.ip().orElseThrow(),
                        true, nic.origin(), Optional.of(g.name())));
            }
        }
        // Guests without an explicit ip are not dropped: they get one from the static pool.
        Guest jboss = site.guest("jboss").orElseThrow();
        assertThat(jboss.nics().get(0).ip()).contains(Ipv4.parse("192.168.151.14"));
    }

    @Test
    void theSameInputGivesTheSameSite() {
        assertThat(SiteLoader.load(List.of())).isEqualTo(SiteLoader.load(List.of()));
    }

    @Test
    void derivedMacsAreFixedByTheConfigurationAlone() {
        String yaml = """
                site: lab
                networks:
                  - {name: a, cidr: 198.51.100.0/24, dhcp: {static: {start: 198.51.100.10, end: 198.51.100.20}}}
                guests:
                  - {name: g1, interfaces: [{network: a}]}
                  - {name: g2, interfaces: [{network: a}]}
                """;
        Site site = load(yaml);
        // Pinned: a change here changes every user's MACs and must be deliberate.
        assertThat(site.guest("g1").orElseThrow().nics().get(0).mac().toString()).isEqualTo(
                macFor("lab/g1/0"));
        assertThat(site.guest("g2").orElseThrow().nics().get(0).ip()).contains(Ipv4.parse("198.51.100.11"));
        assertThat(site.guest("g1").orElseThrow().nics().get(0).mac().toString()).startsWith("52:54:00:");
    }

    /** The documented derivation, computed independently of SiteResolver. */
    static String macFor(String input) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return String.format("52:54:00:%02x:%02x:%02x", h[0] & 0xff, h[1] & 0xff, h[2] & 0xff);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void olderConfigKeysAreAccepted() {
        Site site = load("""
                site: legacy
                networks:
                  - name: service
                    gateway: 192.0.2.254
                    netmask: 255.255.255.0
                    network: 192.0.2.0
                    dhcp: {start: 192.0.2.200, end: 192.0.2.250, static: {start: 192.0.2.10, end: 192.0.2.199}}
                guests:
                  - hostname: old-style
                    interfaces: [{network: service}]
                """);
        Network n = site.network("service").orElseThrow();
        assertThat(n.cidr()).contains(Ipv4Cidr.parse("192.0.2.0/24"));
        assertThat(n.gateway()).contains(Ipv4.parse("192.0.2.254"));
        assertThat(site.guest("old-style")).isPresent();
    }

    @Test
    void groupsInheritFromCommonAndPassDefaultsToMembers() {
        Site site = load("""
                site: lab
                networks:
                  - {name: a, cidr: 198.51.100.0/24, dhcp: {static: {start: 198.51.100.10, end: 198.51.100.20}}}
                common: {memory: 512, vcpus: 1, interfaces: [{network: a}], services: {enabled: [sshd]}}
                guests:
                  - name: cluster
                    memory: 2048
                    services: {disabled: [kdump]}
                    guests:
                      - {name: node-1, vcpus: 4}
                      - {name: node-2}
                  - {name: solo}
                """);
        Guest n1 = site.guest("node-1").orElseThrow();
        assertThat(n1.group()).contains("cluster");
        assertThat(n1.hardware().memoryMib()).isEqualTo(2048);
        assertThat(n1.hardware().vcpus()).isEqualTo(4);
        assertThat(n1.software().servicesEnabled()).containsExactly("sshd");   // maps merge key by key
        assertThat(n1.software().servicesDisabled()).containsExactly("kdump");
        assertThat(site.guest("node-2").orElseThrow().hardware().vcpus()).isEqualTo(1);
        assertThat(site.guest("solo").orElseThrow().hardware().memoryMib()).isEqualTo(512);
        assertThat(site.guest("solo").orElseThrow().group()).isEmpty();
    }

    /** {@code boot} merges key by key like other guest maps; an empty cmdline drops the one a group gives. */
    @Test
    void aBootKernelIsInheritedFromCommonAndGroupsKeyByKey() {
        Site site = load("""
                site: lab
                common: {boot: {kernel: /boot/vmlinuz, cmdline: "console=ttyS0"}}
                guests:
                  - name: appliances
                    boot: {initrd: /boot/initrd.img}
                    guests:
                      - {name: app-1}
                      - {name: app-2, boot: {cmdline: "root=/dev/vda rw"}}
                      - {name: app-3, boot: {cmdline: ""}}
                """);
        assertThat(site.guest("app-1").orElseThrow().hardware().kernelBoot()).hasValueSatisfying(k -> {
            assertThat(k.kernel()).isEqualTo("/boot/vmlinuz");
            assertThat(k.initrd()).contains("/boot/initrd.img");
            assertThat(k.cmdline()).contains("console=ttyS0");
        });
        assertThat(site.guest("app-2").orElseThrow().hardware().kernelBoot().flatMap(k -> k.cmdline()))
                .contains("root=/dev/vda rw");
        assertThat(site.guest("app-3").orElseThrow().hardware().kernelBoot()).hasValueSatisfying(k -> {
            assertThat(k.initrd()).contains("/boot/initrd.img");
            assertThat(k.cmdline()).isEmpty();
        });
        assertThat(site.guest("appliances")).isEmpty();
    }

    @Test
    void severalFilesDeepMergeInOrder(@TempDir Path dir) throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("00-base.yml"), """
                site: lab
                networks:
                  - {name: a, cidr: 198.51.100.0/24}
                common: {memory: 512, packages: [vim, git]}
                """);
        Files.writeString(conf.resolve("10-more.yaml"), """
                common: {packages: [tmux], vcpus: 2}
                guests: [{name: g1}]
                """);
        Files.writeString(conf.resolve("README.txt"), "not yaml: ignored");
        Site fromDir = SiteLoader.load(List.of(conf.toString()));
        Guest g1 = fromDir.guest("g1").orElseThrow();
        assertThat(g1.hardware().memoryMib()).isEqualTo(512);
        assertThat(g1.hardware().vcpus()).isEqualTo(2);
        assertThat(g1.software().packages()).containsExactly("tmux"); // lists replace
        Site fromGlob = SiteLoader.load(List.of(conf + "/*.y*ml"));
        assertThat(fromGlob).isEqualTo(fromDir);
        Site fromFiles = SiteLoader.load(List.of(conf.resolve("00-base.yml").toString(),
                conf.resolve("10-more.yaml").toString()));
        assertThat(fromFiles).isEqualTo(fromDir);
    }

    @Test
    void missingConfigPathIsABadInput() {
        assertThatThrownBy(() -> SiteLoader.load(List.of("/nonexistent/site.yml")))
                .hasMessageContaining("/nonexistent/site.yml")
                .satisfies(e -> assertThat(((org.miniascape.MiniascapeException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void passwordsAreHashedAndExistingHashesKept() {
        Site site = load("""
                site: lab
                guests:
                  - {name: a, root_password: "s3cret"}
                  - {name: b, root_password: "$6$abcdefgh$0123456789abcdef"}
                """);
        Guest a = site.guest("a").orElseThrow();
        assertThat(a.access().rootPasswordHash())
                .hasValueSatisfying(h -> assertThat(h).startsWith("$6$").doesNotContain("s3cret"));
        assertThat(a.settings().get("root_password")).isEqualTo(a.access().rootPasswordHash().get());
        assertThat(a.settings().toString()).doesNotContain("s3cret");
        assertThat(org.apache.commons.codec.digest.Crypt.crypt("s3cret", a.access().rootPasswordHash().get()))
                .isEqualTo(a.access().rootPasswordHash().get());
        assertThat(site.guest("b").orElseThrow().access().rootPasswordHash()).contains("$6$abcdefgh$0123456789abcdef");
    }

    /** The salt is public (it is in every ks.cfg): made from the password, it would be a fast hash of it. */
    @Test
    void theSaltDependsOnTheSiteAndNeverOnThePassword() {
        String yaml = """
                site: %s
                guests:
                  - {name: a, root_password: "%s"}
                """;
        String labOne = load(yaml.formatted("lab", "one")).guest("a").orElseThrow().access().rootPasswordHash()
                .orElseThrow();
        String labTwo = load(yaml.formatted("lab", "two")).guest("a").orElseThrow().access().rootPasswordHash()
                .orElseThrow();
        String otherOne = load(yaml.formatted("other", "one")).guest("a").orElseThrow().access().rootPasswordHash()
                .orElseThrow();
        assertThat(salt(labOne)).isEqualTo(salt(labTwo)).hasSize(16);
        assertThat(salt(otherOne)).isNotEqualTo(salt(labOne));
        assertThat(labOne).isNotEqualTo(labTwo);
        assertThat(org.apache.commons.codec.digest.Crypt.crypt("two", labTwo)).isEqualTo(labTwo);
    }

    private static String salt(String cryptHash) {
        return cryptHash.split("\\$")[2];
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> load("""
                site: lab
                networks:
                  - {name: a, cidr: 198.51.100.0/24, gateway: 10.0.0.1}
                guests:
                  - {name: g1, vcpus: 0, interfaces: [{network: b}]}
                """))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(p -> p.at().line())
                        .containsExactly(3, 5, 5));
    }

    @Test
    void settingsHoldTheMergedConfigurationForTemplates() {
        Site site = load("""
                site: lab
                common: {packages: [vim]}
                guests: [{name: g1, description: web server}]
                """);
        Map<String, Object> settings = site.guest("g1").orElseThrow().settings();
        assertThat(settings).containsEntry("description", "web server").containsEntry("packages", List.of("vim"));
    }

    @Test
    void topLevelExtensionKeysHoldAnchorsAndAreNotRead() {
        Site site = load("""
                site: lab
                x-defaults:
                  pool: &pool {static: {start: 198.51.100.10, end: 198.51.100.20}}
                  anything: [goes, here]
                networks:
                  - {name: a, cidr: 198.51.100.0/24, dhcp: *pool}
                guests: [{name: g1, interfaces: [{network: a}]}]
                """);
        assertThat(site.guest("g1").orElseThrow().nics().get(0).ip()).contains(Ipv4.parse("198.51.100.10"));
        assertThatThrownBy(() -> load("site: lab\nx_defaults: {}\n"))
                .hasMessageContaining("unknown key 'x_defaults'");
    }

    static List<String> problems(Runnable load) {
        try {
            load.run();
        } catch (ConfigException e) {
            return e.problems().stream().map(Object::toString).toList();
        }
        throw new AssertionError("the configuration was accepted");
    }

    /** Bytes that are not UTF-8 are located on their line, after CRLF and CR line ends alike. */
    @Test
    void invalidUtf8IsLocatedAfterAnyLineEnd(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("site.yml");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes("site: t\r\nx-a: \"\u00e9\"\rx-b: 'a".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes.write(0xC0); // never valid in UTF-8
        bytes.writeBytes("b'\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(f, bytes.toByteArray());
        assertThat(problems(() -> SiteLoader.load(List.of(f.toString()))))
                .containsExactly(f + ":3:8: error: invalid UTF-8 (bytes C0): configuration files must be UTF-8 text");
    }

    /** Each empty file is named, even beside files that hold the whole site. */
    @Test
    void anEmptyFileAmongOthersIsReportedAtItsFirstLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("10-site.yml"), "site: t\n");
        Files.writeString(dir.resolve("20-empty.yml"), "\n# nothing yet\n");
        assertThat(problems(() -> SiteLoader.load(List.of(dir.toString())))).containsExactly(dir.resolve(
                "20-empty.yml") + ":1:1: error: the file holds no configuration (it is empty or only comments)");
    }

    /** A file over the limit is refused by its size, before a byte of it is read or parsed. */
    @Test
    void aFileOverTheLimitIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.yml");
        try (var raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(ConfigSources.MAX_FILE_BYTES + 1); // sparse: nothing to read but NUL bytes
        }
        assertThat(problems(() -> SiteLoader.load(List.of(f.toString())))).containsExactly(f + ":1:1: error: the "
                + "file is larger than 8 MiB (" + (ConfigSources.MAX_FILE_BYTES + 1) + " bytes); split the "
                + "configuration into several files");
    }

    /** Aliases are shared, not copied: an anchor reused within the limit reads as its value everywhere. */
    @Test
    void aliasesWithinTheLimitReadAsTheirValue() {
        Site shared = load("""
                site: t
                x-disks: &disks [{size: 5}, {size: 6}]
                guests:
                  - {name: g1, disks: *disks}
                  - {name: g2, disks: *disks}
                """);
        assertThat(shared.guests()).allSatisfy(g -> assertThat(g.disks()).extracting(d -> d.sizeGib())
                .containsExactly(5L, 6L));
    }
}
