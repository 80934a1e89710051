package org.miniascape.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;
import org.miniascape.testing.Tools;

/** The pure-Java header reader against qemu-img's own view of images qemu-img made. */
class ImageReaderTest {
    @TempDir
    Path dir;

    private final ImageReader reader = new ImageReader();

    @Test
    void threeLevelChainWithRelativeAndAbsoluteNamesAndBothVersions() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-o", "compat=0.10", "-o", "cluster_size=4096",
                dir.resolve("base.qcow2").toString(), "64M");
        // Relative name, resolved against a/ (the directory of the image naming it), not the working directory.
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-o", "compat=1.1", "-b", "../base.qcow2",
                "-F", "qcow2", dir.resolve("a/mid.qcow2").toString());
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-o", "compat=0.10", "-b",
                dir.resolve("a/mid.qcow2").toString(), "-F", "qcow2", dir.resolve("top.qcow2").toString(), "128M");

        List<ImageInfo> chain = reader.chain(dir.resolve("top.qcow2"), Optional.empty());

        assertMatchesQemuImg(chain, dir.resolve("top.qcow2"));
        assertThat(chain).extracting(i -> i.path().getFileName().toString())
                .containsExactly("top.qcow2", "mid.qcow2", "base.qcow2");
        assertThat(chain).extracting(i -> i.compat().orElseThrow()).containsExactly("0.10", "1.1", "0.10");
        assertThat(chain.get(1).backingName()).contains("../base.qcow2");
        assertThat(chain.get(2).clusterSize()).contains(4096);
    }

    @Test
    void rawBaseIsRecognisedThroughTheDeclaredBackingFormat() throws Exception {
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "raw", dir.resolve("base.img").toString(), "16M");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.img", "-F", "raw",
                dir.resolve("top.qcow2").toString());

        List<ImageInfo> chain = reader.chain(dir.resolve("top.qcow2"), Optional.of("qcow2"));

        assertMatchesQemuImg(chain, dir.resolve("top.qcow2"));
        assertThat(chain.get(1).format()).isEqualTo(ImageFormat.RAW);
        assertThat(chain.get(1).virtualSize()).isEqualTo(16L << 20);
    }

    @Test
    void externalDataFileIsRefusedNotTakenForTheWholeImage() throws Exception {
        // Its guest data lives in the raw data file: copying the qcow2 alone would silently lose it all.
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-o", "data_file=" + dir.resolve("data.raw"),
                dir.resolve("ext.qcow2").toString(), "8M");

        assertThatThrownBy(() -> reader.chain(dir.resolve("ext.qcow2"), Optional.of("qcow2")))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("external data file")
                .hasMessageContaining("qemu-img convert");
    }

    @Test
    void relativeBackingNameGoesThroughASymlinkedDirectoryAsQemuDoes() throws Exception {
        // QEMU joins the directory of the name it opened with the backing name and lets the kernel resolve
        // "..": through a symlinked directory that is the link target's parent, not the link's.
        Files.createDirectories(dir.resolve("real/images"));
        Files.createDirectories(dir.resolve("lab"));
        Files.createSymbolicLink(dir.resolve("lab/images"), dir.resolve("real/images"));
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", dir.resolve("real/base.qcow2").toString(),
                "8M");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-b", "../base.qcow2", "-F", "qcow2",
                dir.resolve("real/images/top.qcow2").toString());
        // A decoy where a purely textual "lab/images/.." would lead.
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", dir.resolve("lab/base.qcow2").toString(),
                "1M");

        List<ImageInfo> chain = reader.chain(dir.resolve("lab/images/top.qcow2"), Optional.of("qcow2"));

        JsonNode json = new ObjectMapper().readTree(Tools.assertSucceeds("qemu-img", "info", "--output=json",
                "--backing-chain", dir.resolve("lab/images/top.qcow2").toString()).stdout());
        assertThat(json.get(1).get("virtual-size").asLong()).isEqualTo(8L << 20);
        assertThat(chain.get(1).virtualSize()).isEqualTo(8L << 20);
        assertThat(chain.get(1).path().toRealPath()).isEqualTo(dir.resolve("real/base.qcow2").toRealPath());
    }

    @Test
    void backingNameLengthOverTwoGibIsCorruptNotNoBacking() throws Exception {
        // backing_file_size is unsigned: 0x80000000 read as a negative int was taken for "no backing file", and the
        // overlay was bundled without its base.
        Path base = dir.resolve("base.qcow2");
        Path top = dir.resolve("top.qcow2");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "8M");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2",
                top.toString());
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(top,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.allocate(4).putInt(0, 0x80000000), 16);
        }

        assertThatThrownBy(() -> reader.read(top))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("not a valid qcow2 image")
                .hasMessageContaining("backing file name length 2147483648");
    }

    @Test
    void vmdkWithAnImpossibleDescriptorOffsetIsAClearError() throws Exception {
        // A sparse VMDK header whose descriptor offset overflows when turned into bytes.
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(512).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.putInt(0, 0x564d444b).putInt(4, 1).putLong(28, 0x0040000000000001L).putLong(36, 1);
        Path vmdk = dir.resolve("bad.vmdk");
        Files.write(vmdk, h.array());

        assertThatThrownBy(() -> VmdkDescriptor.read(vmdk))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining(vmdk + ": not a valid sparse VMDK");
    }

    @Test
    void missingBackingFileIsAClearError() throws Exception {
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", dir.resolve("base.qcow2").toString(), "8M");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-b", "base.qcow2", "-F", "qcow2",
                dir.resolve("top.qcow2").toString());
        Files.delete(dir.resolve("base.qcow2"));

        assertThatThrownBy(() -> reader.chain(dir.resolve("top.qcow2"), Optional.empty()))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("backing file 'base.qcow2' not found")
                .hasMessageContaining(dir.resolve("base.qcow2").toString());
    }

    @Test
    void loopingChainIsAClearError() throws Exception {
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", dir.resolve("a.qcow2").toString(), "8M");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", "-b", "a.qcow2", "-F", "qcow2",
                dir.resolve("b.qcow2").toString());
        Tools.assertSucceeds("qemu-img", "rebase", "-u", "-f", "qcow2", "-b", "b.qcow2", "-F", "qcow2",
                dir.resolve("a.qcow2").toString());

        assertThatThrownBy(() -> reader.chain(dir.resolve("b.qcow2"), Optional.empty()))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("backing chain loops");
    }

    @Test
    void otherFormatsAreNamedNotTakenForRaw() throws Exception {
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "vmdk", dir.resolve("disk.vmdk").toString(), "8M");

        assertThatThrownBy(() -> reader.read(dir.resolve("disk.vmdk")))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("VMDK");
    }

    @Test
    void truncatedHeaderIsAClearError() throws Exception {
        Files.write(dir.resolve("short.qcow2"), new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});

        assertThatThrownBy(() -> reader.read(dir.resolve("short.qcow2")))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageContaining("ends inside the qcow2 header");
    }

    /** Every field we read, compared with qemu-img info --backing-chain. */
    static void assertMatchesQemuImg(List<ImageInfo> chain, Path top) throws Exception {
        JsonNode json = new ObjectMapper().readTree(Tools.assertSucceeds("qemu-img", "info", "--output=json",
                "--backing-chain", top.toString()).stdout());
        assertThat(chain).hasSize(json.size());
        for (int i = 0; i < chain.size(); i++) {
            ImageInfo ours = chain.get(i);
            JsonNode theirs = json.get(i);
            assertThat(ours.path()).isEqualTo(top.getParent().resolve(theirs.get("filename").asText()).normalize());
            assertThat(ours.format().key()).isEqualTo(theirs.get("format").asText());
            assertThat(ours.virtualSize()).isEqualTo(theirs.get("virtual-size").asLong());
            if (ours.format() == ImageFormat.QCOW2) {
                assertThat(ours.clusterSize()).contains(theirs.get("cluster-size").asInt());
                assertThat(ours.compat()).contains(theirs.at("/format-specific/data/compat").asText());
            }
            assertThat(ours.backingName()).isEqualTo(text(theirs, "backing-filename"));
            assertThat(ours.backingFormat()).isEqualTo(text(theirs, "backing-filename-format"));
            assertThat(ours.backingPath()).isEqualTo(text(theirs, "full-backing-filename").map(p -> Path.of(p).normalize()));
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.has(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }
}
