package org.miniascape.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.image.ImageFormat;
import org.miniascape.image.ImageInfo;
import org.miniascape.image.ImageReader;
import org.miniascape.testing.Tools;

/** The cases around the main path: raw bases, shared bases, name clashes, disks that cannot be bundled. */
class BundlerEdgeTest {
    @TempDir
    Path dir;

    private Path domain(String disks) throws Exception {
        Path xml = dir.resolve("g.xml");
        Files.writeString(xml, "<domain type='kvm'><name>g</name><memory unit='MiB'>256</memory>"
                + "<os><type arch='x86_64'>hvm</type></os><devices>" + disks + "</devices></domain>");
        return xml;
    }

    private static String fileDisk(Path file, String format, String target) {
        return "<disk type='file' device='disk'><driver name='qemu' type='" + format + "'/><source file='" + file
                + "'/><target dev='" + target + "' bus='virtio'/></disk>";
    }

    @Test
    void rawBaseSharedByTwoOverlaysIsBundledOnceWithItsFormatDeclared() throws Exception {
        Path base = dir.resolve("src/base.img");
        Files.createDirectories(base.getParent());
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "raw", base.toString(), "16M");
        for (String n : new String[] {"a", "b"}) {
            Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "raw",
                    dir.resolve("src/" + n + ".qcow2").toString());
        }
        Path xml = domain(fileDisk(dir.resolve("src/a.qcow2"), "qcow2", "vda")
                + fileDisk(dir.resolve("src/b.qcow2"), "qcow2", "vdb"));

        RepackTest.Run r = RepackTest.miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Path images = dir.resolve("w/vm-g-0.1/images");
        try (var files = Files.list(images)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.qcow2", "b.qcow2",
                    "base.img");
        }
        ImageInfo b = new ImageReader().chain(images.resolve("b.qcow2"), Optional.of("qcow2")).get(0);
        assertThat(b.backingName()).contains("base.img");
        assertThat(b.backingFormat()).contains("raw");
        assertThat(new ImageReader().read(images.resolve("base.img"), Optional.of("raw")).format())
                .isEqualTo(ImageFormat.RAW);
    }

    @Test
    void twoImagesOfTheSameNameAreRefused() throws Exception {
        for (String d : new String[] {"x", "y"}) {
            Files.createDirectories(dir.resolve(d));
            Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", dir.resolve(d + "/disk.qcow2").toString(), "8M");
        }
        Path xml = domain(fileDisk(dir.resolve("x/disk.qcow2"), "qcow2", "vda")
                + fileDisk(dir.resolve("y/disk.qcow2"), "qcow2", "vdb"));

        RepackTest.Run r = RepackTest.miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("two different images are both named disk.qcow2", "rename one");
        assertThat(dir.resolve("w/vm-g-0.1")).doesNotExist();
    }

    @Test
    void imageNamesThatCannotGoIntoTheSpecAreRefused() throws Exception {
        Path image = dir.resolve("my disk.qcow2");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", image.toString(), "8M");
        Path xml = domain(fileDisk(image, "qcow2", "vda"));

        RepackTest.Run r = RepackTest.miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("image " + image + ": its file name cannot be bundled");
    }

    @Test
    void blockDevicesCannotBeBundled() throws Exception {
        Path xml = domain("<disk type='block' device='disk'><driver name='qemu' type='raw'/>"
                + "<source dev='/dev/vg0/g'/><target dev='vda' bus='virtio'/></disk>");

        RepackTest.Run r = RepackTest.miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("disk vda is of type 'block' (/dev/vg0/g): only file-backed disks can be bundled");
    }

    @Test
    void volumeDiskWithoutConnectionIsExplained() throws Exception {
        Path xml = domain("<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/>"
                + "<source pool='default' volume='g.qcow2'/><target dev='vda' bus='virtio'/></disk>");

        RepackTest.Run r = RepackTest.miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("the volume 'g.qcow2' of pool 'default', which cannot be found without a "
                + "libvirt connection (--connect)");
    }

    @Test
    void notADomainIsBadInput() throws Exception {
        Path xml = dir.resolve("n.xml");
        Files.writeString(xml, "<network><name>n</name></network>");

        RepackTest.Run r = RepackTest.miniascape("repack", xml.toString(), "-w", dir.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a libvirt domain XML (root element <network>)");
    }

    @Test
    void everyBundleCommandHasHelp() {
        for (String command : new String[] {"repack", "pack", "unpack", "convert"}) {
            RepackTest.Run r = RepackTest.miniascape(command, "--help");
            assertThat(r.exit()).as(command + ": " + r.err()).isZero();
            assertThat(r.out()).startsWith("Usage: miniascape " + command);
        }
    }
}
