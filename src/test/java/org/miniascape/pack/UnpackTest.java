package org.miniascape.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.image.ImageReader;
import org.miniascape.image.Progress;
import org.miniascape.image.SparseCopyTest;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.testing.TestDriver;
import org.miniascape.testing.Tools;

/** unpack: the bundles repack makes, placed and defined again (test-driver libvirt). */
class UnpackTest {
    @TempDir
    Path dir;

    private final RepackTest repack = new RepackTest();
    private Path top;

    @BeforeEach
    void bundle() throws Exception {
        repack.dir = dir;
        top = repack.chain();
        Files.getFileAttributeView(dir.resolve("src/base.qcow2"), UserDefinedFileAttributeView.class)
                .write("miniascape.origin", StandardCharsets.UTF_8.encode("lab base image"));
        Path xml = dir.resolve("web1.xml");
        Files.writeString(xml, RepackTest.domainXml("kvm", top));
        RepackTest.Run r = RepackTest.miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString(),
                "--archive", "tar.xz");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void directoryBundleIsPlacedAndDefined() throws Exception {
        Path images = dir.resolve("pool");
        try (Hypervisor h = Hypervisor.open(TestDriver.uri(dir))) {
            Unpack.Result r = new Unpack(Progress.NONE).run(dir.resolve("w/vm-web1-0.1"), images,
                    dir.resolve("xml"), Optional.of(h));

            assertThat(r.defined()).isTrue();
            assertThat(h.domain("web1")).isPresent();
            assertThat(h.domainXml("web1", true)).contains("<source file='" + images.resolve("top.qcow2") + "'/>");
        }
        assertThat(new ImageReader().chain(images.resolve("top.qcow2"), Optional.of("qcow2")))
                .extracting(i -> i.path().getParent()).containsOnly(images);
        Tools.assertSucceeds("qemu-img", "compare", "-f", "qcow2", "-F", "qcow2", top.toString(),
                images.resolve("top.qcow2").toString());
        Tools.virtXmlValidate(dir.resolve("xml/web1.xml"), "domain");
    }

    @Test
    void archiveWithoutConnectionWritesTheXmlAndSaysHowToDefine() throws Exception {
        Path images = dir.resolve("images");

        RepackTest.Run r = RepackTest.miniascape("unpack", dir.resolve("w/vm-web1-0.1.tar.xz").toString(),
                "--images-dir", images.toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("image: " + images.resolve("base.qcow2"),
                "not defined (no -c URI or $LIBVIRT_DEFAULT_URI); define it with: virsh define " + dir.resolve("xml/web1.xml"));
        assertThat(Files.readString(dir.resolve("xml/web1.xml"))).contains(images.resolve("top.qcow2").toString());
        Tools.assertSucceeds("qemu-img", "compare", "-f", "qcow2", "-F", "qcow2", top.toString(),
                images.resolve("top.qcow2").toString());
        // The archive's images are sparse again once extracted, and no scratch directory is left.
        assertThat(SparseCopyTest.allocated(images.resolve("base.qcow2")))
                .isLessThanOrEqualTo(SparseCopyTest.allocated(dir.resolve("src/base.qcow2")));
        try (Stream<Path> files = Files.list(images)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("base.qcow2", "mid.qcow2", "top.qcow2");
        }
        // User extended attributes travel through the bundle directory and the archive.
        UserDefinedFileAttributeView view = Files.getFileAttributeView(images.resolve("base.qcow2"),
                UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(view.size("miniascape.origin"));
        view.read("miniascape.origin", value);
        assertThat(new String(value.array(), StandardCharsets.UTF_8)).isEqualTo("lab base image");
    }

    @Test
    void tamperedBundleIsRefusedAndNothingIsPlaced() throws Exception {
        Files.writeString(dir.resolve("w/vm-web1-0.1/README"), "changed\n");
        Path images = dir.resolve("images");

        RepackTest.Run r = RepackTest.miniascape("unpack", dir.resolve("w/vm-web1-0.1").toString(),
                "--images-dir", images.toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("does not match its manifest", "checksum mismatch: README");
        assertThat(images).doesNotExist();
    }

    @Test
    void tamperedArchiveIsRefusedAndLeavesNoDirectoryBehind() throws Exception {
        Path bundle = dir.resolve("w/vm-web1-0.1");
        Files.writeString(bundle.resolve("README"), "changed\n");
        Path archive = dir.resolve("tampered/vm-web1-0.1.tar.gz");
        Files.createDirectories(archive.getParent());
        BundleArchive.write(bundle, archive, ArchiveFormat.TAR_GZ, 946684800L);
        Path images = dir.resolve("images");

        RepackTest.Run r = RepackTest.miniascape("unpack", archive.toString(), "--images-dir", images.toString(),
                "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("checksum mismatch: README");
        assertThat(images).doesNotExist(); // made for the extraction, removed with it
    }

    @Test
    void diskOutsideTheBundleIsRefused() throws Exception {
        Path bundle = dir.resolve("w/vm-web1-0.1");
        Path xml = bundle.resolve("web1.xml");
        Files.writeString(xml, Files.readString(xml).replace("/var/lib/libvirt/images/top.qcow2", "/dev/sda"));
        Files.writeString(bundle.resolve(Manifest.FILE), Manifest.of(bundle)); // a consistent, hostile bundle

        RepackTest.Run r = RepackTest.miniascape("unpack", bundle.toString(), "--images-dir",
                dir.resolve("images").toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("disk vda uses /dev/sda, which is not an image of this bundle");
        assertThat(dir.resolve("images")).doesNotExist();
    }

    @Test
    void domainNameCannotWriteTheXmlOutsideTheXmlDirectory() throws Exception {
        Path bundle = dir.resolve("w/vm-web1-0.1");
        Path xml = bundle.resolve("web1.xml");
        Files.writeString(xml, Files.readString(xml).replace("<name>web1</name>", "<name>../escaped</name>"));
        Files.writeString(bundle.resolve(Manifest.FILE), Manifest.of(bundle)); // a consistent, hostile bundle

        RepackTest.Run r = RepackTest.miniascape("unpack", bundle.toString(), "--images-dir",
                dir.resolve("images").toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("domain name '../escaped'");
        assertThat(dir.resolve("escaped.xml")).doesNotExist();
        assertThat(dir.resolve("images")).doesNotExist();
    }

    @Test
    void backingFileOutsideTheBundleIsRefused() throws Exception {
        // The overlay's header, not the XML, names a file of this host: the guest would read it.
        Path secret = dir.resolve("host-secret.raw");
        Files.writeString(secret, "not for the guest\n");
        Path bundle = dir.resolve("w/vm-web1-0.1");
        Tools.assertSucceeds("qemu-img", "rebase", "-u", "-f", "qcow2", "-b", secret.toString(), "-F", "raw",
                bundle.resolve("images/top.qcow2").toString());
        Files.writeString(bundle.resolve(Manifest.FILE), Manifest.of(bundle));

        RepackTest.Run r = RepackTest.miniascape("unpack", bundle.toString(), "--images-dir",
                dir.resolve("images").toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("top.qcow2", secret.toString(), "not an image of this bundle");
        assertThat(dir.resolve("images")).doesNotExist();
        assertThat(dir.resolve("xml/web1.xml")).doesNotExist();
    }

    @Test
    void backingStoreInTheBundledXmlIsNotPassedOn() throws Exception {
        // libvirt uses a <backingStore> given in the XML instead of probing the headers.
        Path bundle = dir.resolve("w/vm-web1-0.1");
        Path xml = bundle.resolve("web1.xml");
        Files.writeString(xml, Files.readString(xml).replace("<target bus=\"virtio\"",
                "<backingStore type='file'><format type='raw'/><source file='/etc/shadow'/></backingStore>"
                        + "<target bus=\"virtio\""));
        assertThat(Files.readString(xml)).contains("/etc/shadow");
        Files.writeString(bundle.resolve(Manifest.FILE), Manifest.of(bundle));

        RepackTest.Run r = RepackTest.miniascape("unpack", bundle.toString(), "--images-dir",
                dir.resolve("images").toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("xml/web1.xml"))).doesNotContain("/etc/shadow", "backingStore");
    }

    @Test
    void symlinkedImagesDirectoryCannotSlipPastTheManifest() throws Exception {
        // The manifest walk does not follow a symlinked directory, so its files were never checked; placing
        // the images did follow it, and unverified images were placed and defined.
        Path bundle = dir.resolve("w/vm-web1-0.1");
        Path elsewhere = dir.resolve("elsewhere");
        Files.move(bundle.resolve("images"), elsewhere);
        Files.createSymbolicLink(bundle.resolve("images"), elsewhere);
        Files.writeString(bundle.resolve(Manifest.FILE), Manifest.of(bundle));
        assertThat(Files.readString(bundle.resolve(Manifest.FILE))).doesNotContain("images/");

        RepackTest.Run r = RepackTest.miniascape("unpack", bundle.toString(), "--images-dir",
                dir.resolve("images").toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("images", "is a symbolic link");
        assertThat(dir.resolve("images")).doesNotExist();
        assertThat(dir.resolve("xml/web1.xml")).doesNotExist();
    }

    @Test
    void aBundleReachedThroughASymlinkIsVerifiedAndPlaced() throws Exception {
        Path link = dir.resolve("current");
        Files.createSymbolicLink(link, dir.resolve("w/vm-web1-0.1"));

        RepackTest.Run r = RepackTest.miniascape("unpack", link.toString(), "--images-dir",
                dir.resolve("images").toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(dir.resolve("images/top.qcow2")).exists();
    }

    @Test
    void guestDevicesOnHostResourcesAreRefused() throws Exception {
        // Disks are checked against the bundle; these give the guest host files, directories, devices or
        // QEMU arguments just as directly.
        Path bundle = dir.resolve("w/vm-web1-0.1");
        Path xml = bundle.resolve("web1.xml");
        String hostile = Files.readString(xml)
                .replace("<domain type=\"kvm\">",
                        "<domain type=\"kvm\" xmlns:qemu=\"http://libvirt.org/schemas/domain/qemu/1.0\">")
                .replace("</devices>", "<filesystem type='mount'><source dir='/'/><target dir='hostroot'/>"
                        + "</filesystem><serial type='file'><source path='/etc/cron.d/evil'/></serial>"
                        + "<hostdev mode='subsystem' type='usb'><source><vendor id='0x1234'/>"
                        + "<product id='0xbeef'/></source></hostdev><memory model='nvdimm'><source>"
                        + "<path>/dev/pmem0</path></source><target><size unit='MiB'>512</size><node>0</node>"
                        + "</target></memory><audio id='1' type='file' path='/root/.bashrc'/></devices>"
                        + "<qemu:commandline><qemu:arg value='-snapshot'/></qemu:commandline>")
                .replace("<type arch=\"x86_64\">hvm</type>",
                        "<type arch=\"x86_64\">hvm</type><kernel>/boot/vmlinuz</kernel>");
        Files.writeString(xml, hostile);
        Files.writeString(bundle.resolve(Manifest.FILE), Manifest.of(bundle));

        RepackTest.Run r = RepackTest.miniascape("unpack", bundle.toString(), "--images-dir",
                dir.resolve("images").toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("uses resources of this host", "<filesystem>", "/etc/cron.d/evil",
                "<hostdev>", "<qemu:commandline>", "/boot/vmlinuz", "/dev/pmem0", "/root/.bashrc");
        assertThat(dir.resolve("images")).doesNotExist();
        assertThat(dir.resolve("xml/web1.xml")).doesNotExist();
    }

    @Test
    void existingImagesAreNotOverwritten() throws Exception {
        Path images = dir.resolve("images");
        Files.createDirectories(images);
        Files.writeString(images.resolve("mid.qcow2"), "someone else's\n");

        RepackTest.Run r = RepackTest.miniascape("unpack", dir.resolve("w/vm-web1-0.1.tar.xz").toString(),
                "--images-dir", images.toString(), "-w", dir.resolve("xml").toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("exist already", images.resolve("mid.qcow2").toString());
        assertThat(Files.readString(images.resolve("mid.qcow2"))).isEqualTo("someone else's\n");
        try (Stream<Path> files = Files.list(images)) {
            assertThat(files).hasSize(1);
        }
    }
}
