package org.miniascape.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.Tools;
import org.miniascape.testing.TreeSnapshot;

/**
 * The directories repack, pack and convert replace whole, and those unpack adds to: a user's directory in the
 * way is refused (exit 2) and left exactly as it was; --force replaces it and says what it removed; an earlier
 * output is replaced without asking. Small inputs: a guest without disks, a 16 MB image, a VMX without disks.
 */
class OutputDirectoryTest {
    @TempDir
    Path dir;

    private Path domainXml;

    @BeforeEach
    void diskless() throws IOException {
        domainXml = dir.resolve("web1.xml");
        Files.writeString(domainXml, "<domain type='kvm'>\n  <name>web1</name>\n  <memory unit='KiB'>524288</memory>\n"
                + "  <vcpu>1</vcpu>\n  <os><type arch='x86_64'>hvm</type></os>\n  <devices/>\n</domain>\n");
    }

    private static RepackTest.Run run(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return RepackTest.miniascape(all.toArray(String[]::new));
    }

    /** A user's files where the output goes. */
    private static void usersFiles(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("docs"));
        Files.writeString(tree.resolve("docs/thesis.txt"), "chapter 1\n");
        Files.writeString(tree.resolve("notes.txt"), "notes\n");
    }

    /**
     * The command (which writes {@code output} below {@code workdir}) refuses a user's directory there, replaces it
     * with --force, and replaces its own output again without.
     */
    private void refusesForeignAndReplacesWithForce(List<String> command, Path workdir, Path output,
                                                    String marker) throws IOException {
        usersFiles(output);
        Map<String, String> before = TreeSnapshot.of(dir);
        RepackTest.Run refused = run(command, "-w", workdir.toString());
        assertThat(refused.exit()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).startsWith("miniascape: error: " + output + " exists and is not a miniascape output "
                + "(it has no .miniascape-output; it holds docs, notes.txt): nothing was changed").contains("--force");
        assertThat(TreeSnapshot.of(dir)).as("nothing written, moved or removed").isEqualTo(before);

        RepackTest.Run forced = run(command, "-w", workdir.toString(), "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(forced.err()).contains("miniascape: note: --force: " + output + " is not a miniascape output; its 2 "
                + "entries (docs, notes.txt) are removed");
        assertThat(output.resolve("docs")).doesNotExist();
        assertThat(output.resolve(".miniascape-output")).isRegularFile();
        assertThat(output.resolve(marker)).isRegularFile();

        RepackTest.Run again = run(command, "-w", workdir.toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("--force");
        try (Stream<Path> beside = Files.list(workdir)) {
            assertThat(beside.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    /** A -w that is a file, or that holds a file or a link where the output directory goes, is never replaced. */
    private void refusesFileAndLink(List<String> command, String outputName) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "mine\n");
        Path w = Files.createDirectories(dir.resolve("w-links"));
        Path target = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(target.resolve("kept"), "kept\n");
        Files.createSymbolicLink(w.resolve(outputName), target);
        Path w2 = Files.createDirectories(dir.resolve("w-files"));
        Files.writeString(w2.resolve(outputName), "a file named like the output\n");
        Map<String, String> before = TreeSnapshot.of(dir);
        for (String force : new String[] {"--version", "--force"}) {
            List<String> extra = force.equals("--force") ? List.of("--force") : List.of();
            RepackTest.Run onFile = run(command, withExtra(extra, "-w", file.toString()));
            assertThat(onFile.exit()).as(onFile.err()).isEqualTo(2);
            assertThat(onFile.err()).contains(file + " is not a directory");
            RepackTest.Run onLink = run(command, withExtra(extra, "-w", w.toString()));
            assertThat(onLink.exit()).as(onLink.err()).isEqualTo(2);
            assertThat(onLink.err()).contains(w.resolve(outputName) + " is a symbolic link");
            RepackTest.Run onNamedFile = run(command, withExtra(extra, "-w", w2.toString()));
            assertThat(onNamedFile.exit()).as(onNamedFile.err()).isEqualTo(2);
            assertThat(onNamedFile.err()).contains(w2.resolve(outputName) + " exists and is not a directory");
        }
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);
    }

    private static String[] withExtra(List<String> extra, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(extra);
        return all.toArray(String[]::new);
    }

    @Test
    void repack() throws IOException {
        Path w = dir.resolve("w");
        List<String> repack = List.of("repack", domainXml.toString());
        refusesForeignAndReplacesWithForce(repack, w, w.resolve("vm-web1-0.1"), "web1.xml");
        // The marker is part of the bundle, listed in its manifest like every file.
        assertThat(Files.readString(w.resolve("vm-web1-0.1/SHA256SUMS"))).contains("  .miniascape-output\n");
        refusesFileAndLink(repack, "vm-web1-0.1");
    }

    @Test
    void pack() throws IOException {
        Path site = dir.resolve("site.yml");
        Files.writeString(site, """
                site: lab
                storage_pools:
                  - {name: default, type: dir, path: /var/lib/libvirt/images}
                networks:
                  - {name: lan, mode: nat, cidr: 198.51.100.0/24, dhcp: {static: {start: 198.51.100.10, end: 198.51.100.99}}}
                guests:
                  - name: web
                    interfaces: [{network: lan}]
                    disks: [{pool: default, size: 1}]
                """);
        Path image = dir.resolve("installed.raw");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "raw", image.toString(), "16M");
        Path w = dir.resolve("w");
        List<String> pack = List.of("pack", "-C", site.toString(), "web", "--image", image.toString());
        // Refused before the images are made: no scratch directory is left in WORKDIR (the tree is compared).
        refusesForeignAndReplacesWithForce(pack, w, w.resolve("vm-web-0.1"), "images/web.qcow2");
        refusesFileAndLink(pack, "vm-web-0.1");
    }

    @Test
    void convert() throws IOException {
        Path vmx = dir.resolve("zero.vmx");
        Files.writeString(vmx, "displayName = \"zero\"\nmemsize = \"512\"\nnumvcpus = \"1\"\nguestOS = \"other-64\"\n");
        Path w = dir.resolve("w");
        List<String> convert = List.of("convert", vmx.toString());
        refusesForeignAndReplacesWithForce(convert, w, w.resolve("zero"), "zero.xml");
        refusesFileAndLink(convert, "zero");
    }

    /**
     * unpack replaces no directory: it adds the images and the XML to directories that may hold a user's files
     * (the default images directory holds other guests'), overwrites none of them (exit 3), and refuses a -w or
     * --images-dir that is a file (exit 2) before anything is placed.
     */
    @Test
    void unpack() throws IOException {
        RepackTest.Run r = RepackTest.miniascape("repack", domainXml.toString(), "-w", dir.resolve("b").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String bundle = dir.resolve("b/vm-web1-0.1").toString();
        Path images = dir.resolve("images");
        Path xmlDir = dir.resolve("xml");
        usersFiles(images);
        usersFiles(xmlDir);
        Path file = Files.writeString(dir.resolve("file"), "mine\n");
        Map<String, String> before = TreeSnapshot.of(dir);

        RepackTest.Run onFile = RepackTest.miniascape("unpack", bundle, "--images-dir", images.toString(), "-w",
                file.toString());
        assertThat(onFile.exit()).as(onFile.err()).isEqualTo(2);
        assertThat(onFile.err()).contains("the directory for the domain XML " + file + " is not a directory");
        RepackTest.Run imagesOnFile = RepackTest.miniascape("unpack", bundle, "--images-dir", file.toString(), "-w",
                xmlDir.toString());
        assertThat(imagesOnFile.exit()).as(imagesOnFile.err()).isEqualTo(2);
        assertThat(imagesOnFile.err()).contains("the images directory " + file + " is not a directory");
        assertThat(TreeSnapshot.of(dir)).isEqualTo(before);

        RepackTest.Run placed = RepackTest.miniascape("unpack", bundle, "--images-dir", images.toString(), "-w",
                xmlDir.toString());
        assertThat(placed.exit()).as(placed.err()).isZero();
        Map<String, String> after = TreeSnapshot.of(dir);
        after.keySet().removeIf(p -> p.equals("xml/web1.xml"));
        // Only the XML was added (the guest has no disk); the users' files and their directories are as they were
        // but for the directory's own time stamps, which the snapshot leaves out.
        assertThat(after).isEqualTo(before);

        Map<String, String> placedTree = TreeSnapshot.of(dir);
        RepackTest.Run again = RepackTest.miniascape("unpack", bundle, "--images-dir", images.toString(), "-w",
                xmlDir.toString());
        assertThat(again.exit()).as(again.err()).isEqualTo(3);
        assertThat(again.err()).contains("exist already and are not overwritten", xmlDir.resolve("web1.xml").toString());
        assertThat(TreeSnapshot.of(dir)).isEqualTo(placedTree);
    }
}
