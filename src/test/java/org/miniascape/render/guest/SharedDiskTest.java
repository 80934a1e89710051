package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.config.SiteLoader;
import org.miniascape.libvirt.DomainFacts;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.testing.ArtifactChecks;
import org.miniascape.testing.Cli;
import org.miniascape.testing.TestDriver;
import org.miniascape.xml.XmlElement;

/**
 * Disks several guests use: a {@code shareable} volume (raw by default, written by every node of a cluster) and a
 * {@code readonly} one. Built from YAML, every file through its own validator, both domains defined on one
 * test-driver host; their facts as libvirt keeps them are the model's.
 */
class SharedDiskTest {
    static final String SITE = """
            site: lab
            domain: lab.example
            storage_pools:
              - {name: default, type: dir, path: /var/lib/libvirt/images}
            networks:
              - name: nat
                cidr: 198.51.100.0/24
                dhcp:
                  static: {start: 198.51.100.10, end: 198.51.100.99}
            guests:
              - name: node
                root_password: secret
                install: {method: kickstart, location: "http://example.org/rhel9/"}
                disks:
                  - {pool: default, size: 10}
                  - {pool: default, volume: quorum.img, size: 1, shareable: true}
                  - {pool: default, volume: tools.img, size: 1, format: raw, readonly: true}
                guests:
                  - {name: node-1, interfaces: [{network: nat}]}
                  - {name: node-2, interfaces: [{network: nat}]}
            """;

    @TempDir
    static Path dir;
    static Path out;
    static Site site;

    @BeforeAll
    static void build() throws IOException {
        Path config = dir.resolve("site.yml");
        Files.writeString(config, SITE);
        out = dir.resolve("out");
        Cli.Run run = Cli.run("build", "-C", config.toString(), "-w", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        ArtifactChecks.checkBuildTree(out, Files.createDirectories(dir.resolve("driver")));
        site = SiteLoader.load(List.of(config.toString()));
    }

    @Test
    void aShareableDiskIsRawUncachedAndShareableInTheDomain() throws IOException {
        Disk quorum = site.guest("node-1").orElseThrow().disks().get(1);
        assertThat(quorum.format()).as("raw by default").isEqualTo("raw");
        assertThat(quorum.cache()).isEqualTo("none");
        for (String g : List.of("node-1", "node-2")) {
            XmlElement disk = disk(g, "quorum.img");
            assertThat(disk.child("driver").orElseThrow().attr("type")).isEqualTo("raw");
            assertThat(disk.child("driver").orElseThrow().attr("cache")).isEqualTo("none");
            assertThat(disk.child("shareable")).isPresent();
            assertThat(disk.child("readonly")).isEmpty();
            XmlElement tools = disk(g, "tools.img");
            assertThat(tools.child("readonly")).isPresent();
            assertThat(tools.child("shareable")).isEmpty();
            assertThat(disk(g, g + "-disk0.qcow2").child("shareable")).isEmpty();
        }
        // The same volume for both: one file of the pool.
        assertThat(Files.readString(out.resolve("guests/node-1/volumes/quorum.img.xml")))
                .isEqualTo(Files.readString(out.resolve("guests/node-2/volumes/quorum.img.xml")));
    }

    @Test
    void vmbuildAttachesThemSharedAndReadOnly() throws IOException {
        String script = Files.readString(out.resolve("guests/node-2/vmbuild.sh"));
        assertThat(script).contains("ensure_volume default quorum.img").contains(",bus=virtio,cache=none,shareable=on")
                .contains(",bus=virtio,cache=none,readonly=on");
    }

    @Test
    void libvirtDefinesBothNodesAndKeepsWhatTheModelSays() throws IOException {
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(Files.createDirectories(dir.resolve("host"))))) {
            for (Guest g : site.guests()) {
                hv.defineDomain(org.miniascape.resolve.GuestVolumes.domainXml(g, site));
                DomainFacts live = DomainFacts.parse(hv.domainXml(g.name(), true));
                assertThat(live).isEqualTo(DomainFacts.of(g));
                assertThat(live.disks()).contains("disk default/quorum.img vdb:virtio shareable",
                        "disk default/tools.img vdc:virtio readonly");
            }
        }
    }

    private static XmlElement disk(String guest, String volume) throws IOException {
        XmlElement root = XmlElement.parse(Files.readString(out.resolve("guests/" + guest + "/domain.xml")));
        return root.child("devices").orElseThrow().children("disk").stream()
                .filter(d -> d.child("source").map(s -> s.attr("volume").equals(volume)).orElse(false))
                .findFirst().orElseThrow();
    }
}
