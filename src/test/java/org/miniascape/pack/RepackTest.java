package org.miniascape.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.cli.Main;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.image.ImageInfo;
import org.miniascape.image.ImageReader;
import org.miniascape.testing.Tools;

/** repack end to end: real images made by qemu-img, real rpmbuild and rpmlint, test-driver libvirt. */
class RepackTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** Signing starts a gpg-agent for the test's GnuPG home: stop it with the test. */
    @org.junit.jupiter.api.AfterEach
    void stopGpgAgent() {
        Path home = dir.resolve("gnupg");
        if (Files.isDirectory(home)) {
            new Executor().run(Command.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"));
        }
    }

    static Run miniascape(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** base.qcow2 (v2, with data) <- a/mid.qcow2 (absolute name) <- top.qcow2 (relative name). */
    Path chain() {
        Path src = dir.resolve("src");
        String base = src.resolve("base.qcow2").toString();
        Tools.assertSucceeds("mkdir", "-p", src.resolve("a").toString());
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-o", "compat=0.10", base, "64M");
        Tools.assertSucceeds("qemu-io", "-f", "qcow2", "-c", "write -P 0x11 0 1M", base);
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-b", base, "-F", "qcow2",
                src.resolve("a/mid.qcow2").toString());
        Tools.assertSucceeds("qemu-io", "-f", "qcow2", "-c", "write -P 0x22 4M 1M", src.resolve("a/mid.qcow2").toString());
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-b", "a/mid.qcow2", "-F", "qcow2",
                src.resolve("top.qcow2").toString());
        Tools.assertSucceeds("qemu-io", "-f", "qcow2", "-c", "write -P 0x33 8M 64k", src.resolve("top.qcow2").toString());
        return src.resolve("top.qcow2");
    }

    static String domainXml(String type, Path top) {
        return "<domain type='" + type + "'>\n  <name>web1</name>\n  <uuid>8f6a3b2e-1c3d-4e5f-9a0b-1c2d3e4f5a6b</uuid>\n"
                + "  <memory unit='KiB'>524288</memory>\n  <vcpu>1</vcpu>\n"
                + "  <os><type arch='x86_64'>hvm</type></os>\n  <devices>\n"
                + "    <disk type='file' device='disk'>\n      <driver name='qemu' type='qcow2'/>\n"
                + "      <source file='" + top + "'/>\n"
                + "      <backingStore type='file'><format type='qcow2'/><source file='/somewhere/else.qcow2'/></backingStore>\n"
                + "      <target dev='vda' bus='virtio'/>\n    </disk>\n"
                + "    <disk type='file' device='cdrom'>\n      <driver name='qemu' type='raw'/>\n"
                + "      <source file='/isos/install.iso'/>\n      <target dev='sda' bus='sata'/>\n"
                + "      <readonly/>\n    </disk>\n  </devices>\n</domain>\n";
    }

    @Test
    void bundlesTheWholeChainWithRpmsAndIsReproducible() throws Exception {
        Path top = chain();
        Path xml = dir.resolve("web1.xml");
        Files.writeString(xml, domainXml("kvm", top));

        Path gpgHome = dir.resolve("gnupg");
        Files.createDirectories(gpgHome);
        Files.setPosixFilePermissions(gpgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Tools.assertSucceeds("gpg", "--homedir", gpgHome.toString(), "--batch", "--passphrase", "", "--quick-gen-key",
                "miniascape test <test@example.org>", "ed25519", "sign", "never");

        Run r = miniascape("repack", xml.toString(), "-w", dir.resolve("w1").toString(), "--version", "1.2",
                "--archive", "tar.gz", "--srpm", "--rpm", "--sign", "test@example.org", "--gpg-home", gpgHome.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Path bundle = dir.resolve("w1/vm-web1-1.2");
        assertThat(r.out()).contains("bundle: " + bundle, "archive: " + bundle + ".tar.gz",
                "rpm: " + dir.resolve("w1/vm-web1-1.2-1.noarch.rpm"), "srpm: " + dir.resolve("w1/vm-web1-1.2-1.src.rpm"));
        assertThat(r.err()).contains("note: disk sda: the cdrom medium /isos/install.iso is not bundled");
        try (var files = Files.walk(bundle)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> bundle.relativize(p).toString()).sorted())
                    .containsExactly(".miniascape-output", "Makefile", "README", "SHA256SUMS", "images/base.qcow2", "images/mid.qcow2",
                            "images/top.qcow2", "vm-web1.spec", "web1.xml");
        }

        // The chain in the bundle: bare relative names, formats declared, same guest-visible data.
        List<ImageInfo> copied = new ImageReader().chain(bundle.resolve("images/top.qcow2"), Optional.of("qcow2"));
        assertThat(copied).extracting(i -> i.backingName().orElse("-")).containsExactly("mid.qcow2", "base.qcow2", "-");
        assertThat(copied).extracting(i -> i.backingFormat().orElse("-")).containsExactly("qcow2", "qcow2", "-");
        Tools.assertSucceeds("qemu-img", "compare", "-f", "qcow2", "-F", "qcow2", top.toString(),
                bundle.resolve("images/top.qcow2").toString());

        String bundled = Files.readString(bundle.resolve("web1.xml"));
        assertThat(bundled).contains("<source file=\"/var/lib/libvirt/images/top.qcow2\"/>")
                .doesNotContain("backingStore", "uuid", "install.iso");
        Tools.virtXmlValidate(bundle.resolve("web1.xml"), "domain");
        Tools.assertSucceeds("bash", "-c", "cd '" + bundle + "' && sha256sum -c --quiet SHA256SUMS");
        Tools.assertSucceeds("make", "-s", "-C", bundle.toString(), "check");
        Tools.assertSucceeds("make", "-s", "-C", bundle.toString(), "install", "DESTDIR=" + dir.resolve("dest"));
        Tools.assertSucceeds("qemu-img", "compare", "-f", "qcow2", "-F", "qcow2", top.toString(),
                dir.resolve("dest/var/lib/libvirt/images/top.qcow2").toString());
        assertThat(dir.resolve("dest/etc/miniascape/domains/web1.xml")).exists();
        assertThat(Files.getPosixFilePermissions(bundle)).hasSize(7); // rwxr-xr-x: readable by others

        Path rpm = dir.resolve("w1/vm-web1-1.2-1.noarch.rpm");
        // rpmlint checks the signature against rpm's keyring: a private one, not the host's.
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("rpmdb"));
        Files.writeString(home.resolve(".rpmmacros"), "%_dbpath " + home.resolve("rpmdb") + "\n");
        Files.writeString(home.resolve("key.asc"), Tools.assertSucceeds("gpg", "--homedir", gpgHome.toString(),
                "--armor", "--export", "test@example.org").stdout());
        Tools.assertSucceeds("rpm", "--dbpath", home.resolve("rpmdb").toString(), "--import",
                home.resolve("key.asc").toString());
        ExecResult lint = new Executor().run(Command.of("rpmlint", rpm.toString(),
                dir.resolve("w1/vm-web1-1.2-1.src.rpm").toString()).env("HOME", home.toString()));
        assertThat(lint.exitCode()).as(lint.stdout()).isZero();
        assertThat(lint.stdout()).contains("0 errors");
        assertThat(Tools.assertSucceeds("rpm", "-qlp", rpm.toString()).stdout()).contains(
                "/etc/miniascape/domains/web1.xml", "/var/lib/libvirt/images/base.qcow2",
                "/var/lib/libvirt/images/mid.qcow2", "/var/lib/libvirt/images/top.qcow2");
        String scripts = Tools.assertSucceeds("rpm", "-qp", "--scripts", rpm.toString()).stdout();
        assertThat(scripts).contains("virsh -q -c qemu:///system define /etc/miniascape/domains/web1.xml",
                "libvirtd is not running", "undefine --nvram --managed-save --snapshots-metadata web1");
        assertThat(Files.list(dir.resolve("w1")).map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.startsWith(".rpmbuild"));

        // Same input, another run: the same bytes.
        Run again = miniascape("repack", xml.toString(), "-w", dir.resolve("w2").toString(), "--version", "1.2",
                "--archive", "tar.gz");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("w2/vm-web1-1.2.tar.gz")))
                .isEqualTo(Files.readAllBytes(dir.resolve("w1/vm-web1-1.2.tar.gz")));
        assertThat(Files.readString(dir.resolve("w2/vm-web1-1.2/SHA256SUMS")))
                .isEqualTo(Files.readString(bundle.resolve("SHA256SUMS")));
        // Unsigned RPMs too (a signature carries its own time).
        for (String w : new String[] {"w3", "w4"}) {
            Run rpms = miniascape("repack", xml.toString(), "-w", dir.resolve(w).toString(), "--version", "1.2",
                    "--srpm", "--rpm");
            assertThat(rpms.exit()).as(rpms.err()).isZero();
        }
        for (String f : new String[] {"vm-web1-1.2-1.noarch.rpm", "vm-web1-1.2-1.src.rpm"}) {
            assertThat(Files.readAllBytes(dir.resolve("w4/" + f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("w3/" + f)));
        }
    }

    @Test
    void xzArchiveHoldsTheBundle() throws Exception {
        Path top = chain();
        Path xml = dir.resolve("web1.xml");
        Files.writeString(xml, domainXml("kvm", top));

        Run r = miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString(), "--archive", "tar.xz");

        assertThat(r.exit()).as(r.err()).isZero();
        String listing = Tools.assertSucceeds("tar", "-tvJf", dir.resolve("w/vm-web1-0.1.tar.xz").toString()).stdout();
        assertThat(listing).contains("root/root", "vm-web1-0.1/images/base.qcow2", "vm-web1-0.1/SHA256SUMS");
    }

    @Test
    void runningDomainIsRefusedWithExit3AndShutOffOneIsPacked() throws Exception {
        Path top = chain();
        Path node = dir.resolve("node.xml");
        Files.writeString(node, "<node>\n"
                + "  <domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\n"
                + "    <name>off</name><memory>65536</memory><os><type>hvm</type></os>\n"
                + "    <devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
                + "<source file='" + top + "'/><target dev='vda' bus='virtio'/></disk></devices>\n"
                + "    <test:runstate>5</test:runstate>\n  </domain>\n"
                + "  <domain type='test'><name>web1</name><memory>65536</memory><os><type>hvm</type></os></domain>\n"
                + "</node>\n", StandardCharsets.UTF_8);
        String uri = "test://" + node;

        Run running = miniascape("repack", "web1", "--connect", uri, "-w", dir.resolve("w").toString());
        assertThat(running.exit()).isEqualTo(3);
        assertThat(running.err()).contains("domain 'web1' is running");

        // An XML file of a domain that runs on the given connection is refused too.
        Path xml = dir.resolve("web1.xml");
        Files.writeString(xml, domainXml("kvm", top));
        Run byFile = miniascape("repack", xml.toString(), "--connect", uri, "-w", dir.resolve("w").toString());
        assertThat(byFile.exit()).isEqualTo(3);
        assertThat(Files.exists(dir.resolve("w/vm-web1-0.1"))).isFalse();

        Run off = miniascape("repack", "off", "--connect", uri, "-w", dir.resolve("w").toString());
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(Files.readString(dir.resolve("w/vm-off-0.1/off.xml")))
                .contains("/var/lib/libvirt/images/top.qcow2");
        assertThat(dir.resolve("w/vm-off-0.1/images/base.qcow2")).exists();

        Run missing = miniascape("repack", "nosuch", "--connect", uri, "-w", dir.resolve("w").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no domain named 'nosuch'");
    }

    @Test
    void imageInUseIsRefusedWithExit3EvenFromAnXmlFile() throws Exception {
        // An XML file says nothing of whether its guest runs (here: no --connect); the image lock QEMU holds does.
        Path top = chain();
        Path xml = dir.resolve("web1.xml");
        Files.writeString(xml, domainXml("kvm", top));
        ProcessBuilder holder = new ProcessBuilder("qemu-io", "-f", "qcow2", top.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process qemu = holder.start();
        try {
            boolean locked = false;
            for (int i = 0; i < 100 && !locked; i++) {
                // qemu-img info holds a read lock while it runs: a qemu-io opening the image at that instant fails
                // to get its write lock and exits. Started again then, until it holds the image.
                if (!qemu.isAlive()) {
                    qemu = holder.start();
                }
                Thread.sleep(100);
                locked = qemu.isAlive()
                        && new Executor().run(Command.of("qemu-img", "info", top.toString())).exitCode() != 0;
            }
            assertThat(locked).as("qemu-io holds " + top).isTrue();

            Run r = miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString());

            assertThat(r.exit()).as(r.err()).isEqualTo(3);
            assertThat(r.err()).contains(top + " is in use by another process", "shut it down first");
            assertThat(dir.resolve("w/vm-web1-0.1")).doesNotExist();
        } finally {
            qemu.getOutputStream().close(); // qemu-io quits at the end of its input
            if (!qemu.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                qemu.destroy();
            }
        }

        Run r = miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @Test
    void failedSigningLeavesNoUnsignedRpmUnderTheFinalName() throws Exception {
        Path top = chain();
        Path xml = dir.resolve("web1.xml");
        Files.writeString(xml, domainXml("kvm", top));
        Path gpgHome = dir.resolve("gnupg"); // exists, but holds no key
        Files.createDirectories(gpgHome);
        Files.setPosixFilePermissions(gpgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

        Run r = miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString(), "--rpm",
                "--sign", "nobody@example.org", "--gpg-home", gpgHome.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("rpmsign", "the unsigned packages were removed");
        assertThat(dir.resolve("w/vm-web1-0.1-1.noarch.rpm")).doesNotExist();
        assertThat(dir.resolve("w/vm-web1-0.1")).isDirectory(); // the bundle itself is whole and stays
    }

    @Test
    void brokenChainFailsAndLeavesNoBundle() throws Exception {
        Path top = chain();
        Files.delete(dir.resolve("src/base.qcow2"));
        Path xml = dir.resolve("web1.xml");
        Files.writeString(xml, domainXml("kvm", top));

        Run r = miniascape("repack", xml.toString(), "-w", dir.resolve("w").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("backing file '" + dir.resolve("src/base.qcow2") + "' not found");
        assertThat(Files.exists(dir.resolve("w/vm-web1-0.1"))).isFalse();
    }

    @Test
    void badVersionIsBadUsage() throws Exception {
        Path xml = dir.resolve("web1.xml");
        Files.writeString(xml, domainXml("kvm", chain()));

        Run r = miniascape("repack", xml.toString(), "-w", dir.toString(), "--version", "1-2");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a valid RPM version");
    }
}
