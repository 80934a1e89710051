package org.miniascape.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.Tools;

public class SparseCopyTest {
    @TempDir
    Path dir;

    @Test
    void keepsContentSizeAndHolesAndSkipsWrittenZeros() throws Exception {
        Path src = dir.resolve("src.img");
        byte[] data = new byte[3 * 4096 + 100];
        Arrays.fill(data, (byte) 0x5a);
        try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
            f.seek(0);
            f.write(data);
            f.seek(8L << 20); // explicit zeros: allocated in the source, a hole in the copy
            f.write(new byte[1 << 20]);
            f.seek((16L << 20) + 123);
            f.write(data);
            f.setLength(64L << 20); // trailing hole
        }
        Path dst = dir.resolve("dst.img");

        long written = SparseCopy.copy(src, dst, Progress.NONE);

        assertThat(Files.size(dst)).isEqualTo(64L << 20);
        Tools.assertSucceeds("cmp", src.toString(), dst.toString());
        assertThat(allocated(dst)).isLessThan(allocated(src));
        assertThat(allocated(dst)).isLessThanOrEqualTo(8 * 4096);
        assertThat(written).isEqualTo(allocated(dst));
    }

    @Test
    void aCopyThatFailsMidwayLeavesNoPartialFile() throws Exception {
        Path src = dir.resolve("src.img");
        byte[] data = new byte[4 << 20];
        Arrays.fill(data, (byte) 0x5a);
        Files.write(src, data);
        Path dst = dir.resolve("dst.img");
        // Fails after the first chunk is written, as a full disk or a dying terminal would.
        Progress failing = new Progress() {
            @Override
            public void start(String label, long total) {
            }

            @Override
            public void advance(long done) {
                throw new IllegalStateException("stopped after " + done + " bytes");
            }

            @Override
            public void finish() {
            }
        };

        assertThatThrownBy(() -> SparseCopy.copy(src, dst, failing)).hasMessageContaining("stopped after");

        assertThat(dst).doesNotExist(); // a half image would block a retry ("exists already") or be taken as whole
    }

    @Test
    void aStreamThatEndsEarlyLeavesNoPartialFile() throws Exception {
        Path dst = dir.resolve("dst.img");

        assertThatThrownBy(() -> SparseCopy.write(new java.io.ByteArrayInputStream(new byte[5000]), dst, 10000))
                .hasMessageContaining("unexpected end of data");

        assertThat(dst).doesNotExist();
    }

    @Test
    void dataExtentsAreWhereTheDataIs() throws Exception {
        Path file = dir.resolve("sparse.img");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(new byte[] {1});
            f.seek(16L << 20);
            f.write(new byte[] {2});
            f.setLength(1L << 30);
        }

        List<DataExtents.Extent> extents = DataExtents.of(file, Files.size(file));

        assertThat(extents).hasSize(2);
        assertThat(extents.get(0).start()).isZero();
        assertThat(extents.get(1).start()).isLessThanOrEqualTo(16L << 20);
        assertThat(extents.get(1).end()).isGreaterThan(16L << 20).isLessThan(17L << 20);
    }

    @Test
    void copiesAQcow2ImageThatQemuImgStillReads() throws Exception {
        Path src = dir.resolve("disk.qcow2");
        Tools.assertSucceeds("qemu-img", "create", "-q", "-f", "qcow2", src.toString(), "32M");
        Tools.assertSucceeds("qemu-io", "-f", "qcow2", "-c", "write -P 0x33 1M 2M", src.toString());
        Path dst = dir.resolve("copy.qcow2");

        SparseCopy.copy(src, dst, Progress.NONE);

        Tools.assertSucceeds("qemu-img", "compare", "-f", "qcow2", "-F", "qcow2", src.toString(), dst.toString());
        Tools.assertSucceeds("cmp", src.toString(), dst.toString());
        assertThat(allocated(dst)).isLessThanOrEqualTo(allocated(src));
    }

    @Test
    void keepsUserExtendedAttributes() throws Exception {
        Path src = dir.resolve("a.img");
        Files.write(src, new byte[] {1, 2, 3});
        UserDefinedFileAttributeView view = Files.getFileAttributeView(src, UserDefinedFileAttributeView.class);
        view.write("miniascape.test", StandardCharsets.UTF_8.encode("kept"));
        Path dst = dir.resolve("b.img");

        SparseCopy.copy(src, dst, Progress.NONE);

        UserDefinedFileAttributeView copied = Files.getFileAttributeView(dst, UserDefinedFileAttributeView.class);
        ByteBuffer value = ByteBuffer.allocate(copied.size("miniascape.test"));
        copied.read("miniascape.test", value);
        assertThat(new String(value.array(), StandardCharsets.UTF_8)).isEqualTo("kept");
    }

    @Test
    void emptyFileAndBarOutput() throws Exception {
        Path src = dir.resolve("empty.img");
        Files.createFile(src);
        StringWriter out = new StringWriter();

        SparseCopy.copy(src, dir.resolve("copy.img"), new Progress.Bar(new PrintWriter(out)));

        assertThat(Files.size(dir.resolve("copy.img"))).isZero();
        assertThat(out.toString()).startsWith("\rempty.img [").endsWith("100%\n");
    }

    public static long allocated(Path p) {
        String[] blocks = Tools.assertSucceeds("stat", "-c", "%b %B", p.toString()).stdout().strip().split(" ");
        return Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
    }
}
