package org.miniascape.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;

class OutputTreeTest {

    @Test
    void commitSwapsInEveryWrittenFileWithItsMode(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Files.createDirectories(work.resolve("stale"));
        Files.writeString(work.resolve("stale/old.txt"), "old");
        try (OutputTree out = new OutputTree(work)) {
            for (int i = 0; i < 3000; i++) { // more than the writer's queue holds
                out.write("guests/g" + i + "/volumes/disk.xml", "disk " + i + "\n");
                out.write("guests/g" + i + "/vmbuild.sh", "#!/bin/bash\necho \u00e9 " + i + "\n", true);
            }
            out.commit();
            assertThat(out.files()).hasSize(6000).contains("guests/g0/vmbuild.sh");
        }
        assertThat(work.resolve("stale")).doesNotExist();
        assertThat(Files.readString(work.resolve("guests/g2999/volumes/disk.xml"))).isEqualTo("disk 2999\n");
        assertThat(Files.readString(work.resolve("guests/g17/vmbuild.sh"))).isEqualTo("#!/bin/bash\necho \u00e9 17\n");
        assertThat(Files.getPosixFilePermissions(work.resolve("guests/g17/vmbuild.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(work.resolve("guests/g17/volumes/disk.xml")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        try (Stream<Path> beside = Files.list(dir)) {
            assertThat(beside).containsExactly(work); // no staging or old tree left
        }
    }

    @Test
    void reserveSeesEveryFileWrittenBeforeIt(@TempDir Path dir) throws IOException {
        try (OutputTree out = new OutputTree(dir.resolve("out"))) {
            for (int i = 0; i < 500; i++) {
                out.write("f" + i, "x");
            }
            Path sums = out.reserve("SUMS");
            try (Stream<Path> files = Files.list(sums.getParent())) {
                assertThat(files).hasSize(500);
            }
            assertThat(sums).doesNotExist();
        }
    }

    @Test
    void aFailedWriteFailsTheBuildAndLeavesThePreviousOutput(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Files.createDirectories(work);
        Files.writeString(work.resolve("kept"), "previous");
        assertThatThrownBy(() -> {
            try (OutputTree out = new OutputTree(work)) {
                out.write("a", "a file");
                out.write("a/b", "cannot be: a is a file"); // its parent directory cannot be created
                for (int i = 0; i < 100; i++) {
                    out.write("later" + i, "x");
                }
                out.commit();
            }
        }).isInstanceOf(MiniascapeException.class).hasMessageStartingWith("cannot write a/b: ");
        assertThat(Files.readString(work.resolve("kept"))).isEqualTo("previous");
        try (Stream<Path> beside = Files.list(dir)) {
            assertThat(beside).containsExactly(work);
        }
    }

    @Test
    void closingWithoutCommitRemovesTheStagingDirectory(@TempDir Path dir) throws IOException {
        try (OutputTree out = new OutputTree(dir.resolve("out"))) {
            for (int i = 0; i < 200; i++) {
                out.write("d" + i + "/f", "x");
            }
        }
        try (Stream<Path> beside = Files.list(dir)) {
            assertThat(beside).isEmpty();
        }
    }

    @Test
    void pathsLeavingTheTreeAndDuplicatesAreRefusedAtOnce(@TempDir Path dir) {
        try (OutputTree out = new OutputTree(dir.resolve("out"))) {
            assertThatThrownBy(() -> out.write("../escape", "x")).isInstanceOf(MiniascapeException.class)
                    .hasMessageContaining("leaves the work directory");
            out.write("once", "x");
            assertThatThrownBy(() -> out.write("once", "y")).isInstanceOf(IllegalStateException.class);
        }
    }

    /** Builds and commits; true when the work directory was left as it was. */
    private static boolean rebuild(Path work, int guests, String variant) {
        try (OutputTree out = build(work, guests, variant)) {
            out.commit();
            return out.unchanged();
        }
    }

    /** No staging directory or previous tree is left beside the work directory. */
    private static void assertOnlyWorkdirIn(Path dir, Path work) throws IOException {
        try (Stream<Path> beside = Files.list(dir)) {
            assertThat(beside).containsExactly(work);
        }
    }

    /** Builds a small tree: two files per guest, the scripts executable. */
    private static OutputTree build(Path work, int guests, String variant) {
        OutputTree out = new OutputTree(work);
        for (int i = 0; i < guests; i++) {
            out.write("guests/g" + i + "/volumes/disk.xml", "disk " + i + "\n");
            out.write("guests/g" + i + "/vmbuild.sh", "#!/bin/bash\necho " + i + variant + "\n", true);
        }
        out.write("site.json", "{}\n");
        return out;
    }

    private static Object inode(Path file) throws IOException {
        return Files.getAttribute(file, "unix:ino");
    }

    private static Object links(Path file) throws IOException {
        return Files.getAttribute(file, "unix:nlink");
    }

    @Test
    void aRebuildThatChangesNothingLeavesTheWorkDirectoryAsItWas(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        assertThat(rebuild(work, 50, "")).isFalse();
        Path script = work.resolve("guests/g7/vmbuild.sh");
        Files.setLastModifiedTime(script, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        Object ino = inode(script);
        Object dirIno = inode(work.resolve("guests/g7"));
        assertThat(rebuild(work, 50, "")).isTrue();
        assertThat(inode(script)).isEqualTo(ino);
        assertThat(inode(work.resolve("guests/g7"))).isEqualTo(dirIno);
        assertThat(Files.getLastModifiedTime(script).toMillis()).isEqualTo(1_000_000_000_000L);
        assertOnlyWorkdirIn(dir, work);
    }

    @Test
    void aRebuildKeepsTheUnchangedFilesAsLinksAndWritesTheOthers(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        rebuild(work, 50, "");
        Files.writeString(work.resolve("extra.txt"), "not built any more");
        Object diskIno = inode(work.resolve("guests/g3/volumes/disk.xml"));
        Object scriptIno = inode(work.resolve("guests/g3/vmbuild.sh"));
        assertThat(rebuild(work, 50, " changed")).isFalse();
        Path disk = work.resolve("guests/g3/volumes/disk.xml");
        Path script = work.resolve("guests/g3/vmbuild.sh");
        assertThat(inode(disk)).isEqualTo(diskIno);
        assertThat(links(disk)).isEqualTo(1); // the previous tree's name is gone
        assertThat(inode(script)).isNotEqualTo(scriptIno);
        assertThat(script).hasContent("#!/bin/bash\necho 3 changed");
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(work.resolve("extra.txt")).doesNotExist();
        assertOnlyWorkdirIn(dir, work);
    }

    @Test
    void anExtraFileOrDirectoryInThePreviousOutputIsNotKept(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        rebuild(work, 5, "");
        Files.createDirectories(work.resolve("guests/g9"));
        assertThat(rebuild(work, 5, "")).isFalse();
        assertThat(work.resolve("guests/g9")).doesNotExist();
        assertThat(work.resolve("guests/g4/vmbuild.sh")).hasContent("#!/bin/bash\necho 4");
    }

    @Test
    void aFileWithAnotherModeOrASecondLinkIsWrittenAnew(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        rebuild(work, 5, "");
        Path script = work.resolve("guests/g1/vmbuild.sh");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path disk = work.resolve("guests/g2/volumes/disk.xml");
        Path elsewhere = dir.resolve("my-copy.xml");
        Files.createLink(elsewhere, disk); // a user's own name for it must never become part of the output
        Object diskIno = inode(disk);
        assertThat(rebuild(work, 5, "")).isFalse();
        assertThat(Files.isExecutable(work.resolve("guests/g1/vmbuild.sh"))).isTrue();
        assertThat(inode(work.resolve("guests/g2/volumes/disk.xml"))).isNotEqualTo(diskIno);
        assertThat(links(elsewhere)).isEqualTo(1);
        assertThat(elsewhere).hasContent("disk 2");
    }

    @Test
    void aFailedRebuildLeavesThePreviousOutputWhole(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        rebuild(work, 20, "");
        try (OutputTree out = build(work, 20, " changed")) {
            assertThatThrownBy(() -> out.write("../escape", "x")).isInstanceOf(MiniascapeException.class);
            // closed without commit, as a failed build does
        }
        assertThat(work.resolve("guests/g3/vmbuild.sh")).hasContent("#!/bin/bash\necho 3");
        assertThat(links(work.resolve("guests/g3/volumes/disk.xml"))).isEqualTo(1);
        assertOnlyWorkdirIn(dir, work);
    }

    @Test
    void aFileTheCallerWritesItselfEndsTheWaitForSameFiles(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        rebuild(work, 5, "");
        try (OutputTree out = build(work, 5, "")) {
            Path blob = out.reserve("data.raw");
            assertThat(blob.getParent().resolve("guests/g4/vmbuild.sh")).hasContent("#!/bin/bash\necho 4");
            Files.write(blob, new byte[] {1, 2, 3});
            out.commit();
            assertThat(out.unchanged()).isFalse();
        }
        assertThat(work.resolve("data.raw")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(work.resolve("site.json")).hasContent("{}");
    }
}
