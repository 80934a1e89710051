package org.miniascape.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.image.ImageInfo;
import org.miniascape.image.ImageReader;
import org.miniascape.testing.Tools;

/** pack from a tiny installed image and a site, through the real site loader, qemu-img and rpmbuild. */
class PackTest {
    @TempDir
    Path dir;

    private Path site;
    private Path image;

    @BeforeEach
    void siteAndImage() throws Exception {
        site = dir.resolve("site.yml");
        Files.writeString(site, """
                site: lab
                domain: lab.example
                storage_pools:
                  - {name: default, type: dir, path: /var/lib/libvirt/images}
                networks:
                  - name: lan
                    mode: nat
                    bridge: br-lab
                    cidr: 198.51.100.0/24
                    dhcp:
                      start: 198.51.100.200
                      end: 198.51.100.250
                      static: {start: 198.51.100.10, end: 198.51.100.99}
                guests:
                  - name: web
                    interfaces: [{network: lan}]
                    disks:
                      - {pool: default, size: 1}
                      - {pool: default, size: 2}
                """);
        image = dir.resolve("installed.raw");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "raw", image.toString(), "16M");
        Tools.assertSucceeds("qemu-io", "-f", "raw", "-c", "write -P 0x42 0 1M", image.toString());
    }

    @Test
    void baseAndDeltaFromTheImageBundledWithRpmReproducibly() throws Exception {
        RepackTest.Run r = RepackTest.miniascape("pack", "-C", site.toString(), "web", "--image", image.toString(),
                "-w", dir.resolve("w1").toString(), "--archive", "tar.gz", "--rpm");

        assertThat(r.exit()).as(r.err()).isZero();
        Path bundle = dir.resolve("w1/vm-web-0.1");
        assertThat(r.out()).contains("bundle: " + bundle, "rpm: " + dir.resolve("w1/vm-web-0.1-1.noarch.rpm"));
        assertThat(r.err()).contains("note: disk vdb (web-disk1.qcow2) is created empty, 2 GiB");
        List<ImageInfo> chain = new ImageReader().chain(bundle.resolve("images/web.qcow2"), Optional.of("qcow2"));
        assertThat(chain).extracting(i -> i.path().getFileName().toString()).containsExactly("web.qcow2", "web-base.qcow2");
        assertThat(chain.get(0).backingName()).contains("web-base.qcow2");
        assertThat(chain.get(0).backingFormat()).contains("qcow2");
        Tools.assertSucceeds("qemu-img", "compare", "-f", "raw", "-F", "qcow2", image.toString(),
                bundle.resolve("images/web.qcow2").toString());
        assertThat(new ImageReader().read(bundle.resolve("images/web-disk1.qcow2")).virtualSize()).isEqualTo(2L << 30);

        String xml = Files.readString(bundle.resolve("web.xml"));
        assertThat(xml).contains("<source file=\"/var/lib/libvirt/images/web.qcow2\"/>",
                "<source file=\"/var/lib/libvirt/images/web-disk1.qcow2\"/>").doesNotContain("pool=");
        Tools.virtXmlValidate(bundle.resolve("web.xml"), "domain");
        try (Stream<Path> left = Files.list(dir.resolve("w1"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }

        RepackTest.Run again = RepackTest.miniascape("pack", "-C", site.toString(), "web", "--image",
                image.toString(), "-w", dir.resolve("w2").toString(), "--archive", "tar.gz");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("w2/vm-web-0.1.tar.gz")))
                .isEqualTo(Files.readAllBytes(dir.resolve("w1/vm-web-0.1.tar.gz")));
    }

    @Test
    void unknownGuestAndMissingImageAreBadUsage() {
        RepackTest.Run unknown = RepackTest.miniascape("pack", "-C", site.toString(), "nosuch", "--image",
                image.toString(), "-w", dir.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no guest named 'nosuch' in site lab (guests: web)");

        RepackTest.Run noImage = RepackTest.miniascape("pack", "-C", site.toString(), "web", "-w", dir.toString());
        assertThat(noImage.exit()).isEqualTo(2);
        assertThat(noImage.err()).contains("pack needs --image FILE");
    }
}
