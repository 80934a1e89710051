package org.miniascape.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.Golden;
import org.miniascape.testing.Tools;

/** convert: hand-written .vmx files, VMDKs of each subformat made by qemu-img from one raw image with data. */
class ConvertTest {
    @TempDir
    Path dir;

    private Path raw;

    @BeforeEach
    void rawImageWithData() {
        raw = dir.resolve("data.raw");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "raw", raw.toString(), "32M");
        Tools.assertSucceeds("qemu-io", "-f", "raw", "-c", "write -P 0x5a 1M 2M", "-c", "write -P 0xa5 20M 64k",
                raw.toString());
    }

    private Path vmdk(String name, String subformat) {
        Path p = dir.resolve("vm/" + name);
        Tools.assertSucceeds("mkdir", "-p", p.getParent().toString());
        Tools.assertSucceeds("qemu-img", "convert", "-q", "-f", "raw", "-O", "vmdk", "-o", "subformat=" + subformat,
                raw.toString(), p.toString());
        return p;
    }

    private Path vmx(String fixture) throws Exception {
        Path vmx = dir.resolve("vm/" + fixture);
        Files.copy(Golden.RESOURCES.resolve("vmx/" + fixture), vmx);
        return vmx;
    }

    @Test
    void linuxGuestWithScsiSataNvmeDisksAndTwoNics() throws Exception {
        vmdk("web1-sparse.vmdk", "monolithicSparse");
        vmdk("web1-2gb.vmdk", "twoGbMaxExtentSparse");
        vmdk("web1-stream.vmdk", "streamOptimized");
        Path vmx = vmx("linux-efi.vmx");

        RepackTest.Run r = RepackTest.miniascape("convert", vmx.toString(), "-w", dir.resolve("out").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Path out = dir.resolve("out/Web-Server-1");
        Path xml = out.resolve("Web-Server-1.xml");
        Golden.assertMatches("vmx/linux-efi.xml", Files.readString(xml).replace(out.toString(), "@OUT@"));
        Tools.virtXmlValidate(xml, "domain");
        for (String image : new String[] {"web1-sparse.qcow2", "web1-2gb.qcow2", "web1-stream.qcow2"}) {
            Tools.assertSucceeds("qemu-img", "compare", "-f", "raw", "-F", "qcow2", raw.toString(),
                    out.resolve(image).toString());
        }
        assertThat(r.out()).contains("image: " + out.resolve("web1-2gb.qcow2") + " (from "
                + dir.resolve("vm/web1-2gb.vmdk") + ", twoGbMaxExtentSparse)");
        assertThat(r.err()).contains(
                "note: displayName 'Web Server 1' is used as the domain name 'Web-Server-1'",
                "note: sata0:1: CD-ROM medium '/isos/rhel-9.iso' is not carried over",
                "note: nvme0: libvirt has no NVMe disk bus here",
                "note: ethernet1: custom VMware network 'vmnet3' becomes the libvirt network 'vmnet3'",
                "note: device sharedfolder0 is not mapped",
                "note: device sound is not mapped",
                "note: device usb is not mapped",
                "note: settings not mapped: vhv.enable");
    }

    @Test
    void windowsGuestWithIdeFlatDisk() throws Exception {
        vmdk("win10-flat-desc.vmdk", "monolithicFlat");
        assertThat(dir.resolve("vm/win10-flat-desc-flat.vmdk")).exists();
        Path vmx = vmx("windows-ide.vmx");

        RepackTest.Run r = RepackTest.miniascape("convert", vmx.toString(), "-w", dir.resolve("out").toString());

        assertThat(r.exit()).as(r.err()).isZero();
        Path out = dir.resolve("out/win10");
        Golden.assertMatches("vmx/windows-ide.xml", Files.readString(out.resolve("win10.xml"))
                .replace(out.toString(), "@OUT@"));
        Tools.virtXmlValidate(out.resolve("win10.xml"), "domain");
        Tools.assertSucceeds("qemu-img", "compare", "-f", "raw", "-F", "qcow2", raw.toString(),
                out.resolve("win10-flat-desc.qcow2").toString());
        assertThat(r.err()).contains("IDE devices need the i440fx machine type",
                "ide0:0: D:\\VMs\\win10\\win10-flat-desc.vmdk does not exist here; using "
                        + dir.resolve("vm/win10-flat-desc.vmdk") + " next to the .vmx",
                "ethernet0: VMware 'bridged' networking is not mapped", "device serial0 is not mapped")
                .doesNotContain("floppy0");
    }

    @Test
    void missingFlatExtentIsNamedAndNothingIsWritten() throws Exception {
        vmdk("win10-flat-desc.vmdk", "monolithicFlat");
        Files.delete(dir.resolve("vm/win10-flat-desc-flat.vmdk"));
        Path vmx = vmx("windows-ide.vmx");

        RepackTest.Run r = RepackTest.miniascape("convert", vmx.toString(), "-w", dir.resolve("out").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("ide0:0: " + dir.resolve("vm/win10-flat-desc.vmdk") + " (monolithicFlat) needs "
                + "the extent " + dir.resolve("vm/win10-flat-desc-flat.vmdk") + ", which is missing");
        assertThat(dir.resolve("out/win10")).doesNotExist();
    }

    @Test
    void displayNameOfDotsCannotReplaceTheWorkdirOrItsParent() throws Exception {
        // The name is the output directory under WORKDIR, which is swapped in whole: ".." was WORKDIR's parent,
        // "." WORKDIR itself, and everything in them was deleted.
        Path lab = dir.resolve("lab");
        Files.createDirectories(lab.resolve("out"));
        Files.writeString(lab.resolve("keep.txt"), "precious\n");
        Files.writeString(lab.resolve("out/keep.txt"), "precious\n");
        for (String display : new String[] {"..", ".", "./..", "-.."}) {
            Path vmx = dir.resolve("dots.vmx");
            Files.writeString(vmx, "displayName = \"" + display + "\"\nmemsize = \"512\"\nnumvcpus = \"1\"\n"
                    + "guestOS = \"other-64\"\n");

            RepackTest.Run r = RepackTest.miniascape("convert", vmx.toString(), "-w", lab.resolve("out").toString());

            assertThat(r.exit()).as(display + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("displayName '" + display + "' gives no usable name");
            assertThat(lab.resolve("keep.txt")).hasContent("precious");
            assertThat(lab.resolve("out/keep.txt")).hasContent("precious");
        }
    }

    @Test
    void memoryOrCpusOfZeroAreBadInputNotAnInvalidDomain() throws Exception {
        for (String[] bad : new String[][] {{"0", "1", "memsize"}, {"-512", "1", "memsize"}, {"512", "0", "numvcpus"},
                {"512", "-2", "numvcpus"}}) {
            Path vmx = dir.resolve("zero.vmx");
            Files.writeString(vmx, "displayName = \"zero\"\nmemsize = \"" + bad[0] + "\"\nnumvcpus = \"" + bad[1]
                    + "\"\nguestOS = \"other-64\"\n");

            RepackTest.Run r = RepackTest.miniascape("convert", vmx.toString(), "-w", dir.resolve("out").toString());

            assertThat(r.exit()).as(String.join(",", bad) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(vmx + ": " + bad[2] + " = \"");
            assertThat(dir.resolve("out/zero")).doesNotExist();
        }
    }

    @Test
    void outputDirectoryThatHoldsTheInputIsRefusedNotReplaced() throws Exception {
        // The usual VMware layout is one directory per VM, named like it: converting from the directory above
        // made WORKDIR/win10 the output, which is replaced whole — the VMware VM itself was deleted.
        vmdk("win10-flat-desc.vmdk", "monolithicFlat");
        Path vmx = vmx("windows-ide.vmx");
        Path vmware = dir.resolve("vmware");
        Files.createDirectories(vmware);
        Files.move(dir.resolve("vm"), vmware.resolve("win10"));
        vmx = vmware.resolve("win10").resolve(vmx.getFileName());

        RepackTest.Run r = RepackTest.miniascape("convert", vmx.toString(), "-w", vmware.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("the output directory " + vmware.resolve("win10") + " holds the input");
        assertThat(vmware.resolve("win10/windows-ide.vmx")).exists();
        assertThat(vmware.resolve("win10/win10-flat-desc.vmdk")).exists();
        assertThat(vmware.resolve("win10/win10-flat-desc-flat.vmdk")).exists();
    }

    @Test
    void malformedVmxIsBadInput() throws Exception {
        Path vmx = dir.resolve("bad.vmx");
        Files.writeString(vmx, "memsize = \"1024\"\nthis line has no equals sign\n");

        RepackTest.Run r = RepackTest.miniascape("convert", vmx.toString(), "-w", dir.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(vmx + ":2: error: expected key = \"value\"");
    }
}
