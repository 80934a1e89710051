package org.miniascape.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
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
        Files.writeString(work.resolve(OutputTree.MARKER), "an earlier output"); // else it is refused (below)
        try (OutputTree out = OutputTree.keepingSpare(work)) {
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
        // No staging directory left; the tree the swap replaced is the spare of the next build.
        assertBeside(dir, work, true);
        assertThat(dir.resolve(".out.spare/stale/old.txt")).hasContent("old");
    }

    @Test
    void reserveSeesEveryFileWrittenBeforeIt(@TempDir Path dir) throws IOException {
        try (OutputTree out = new OutputTree(dir.resolve("out"))) {
            for (int i = 0; i < 500; i++) {
                out.write("f" + i, "x");
            }
            Path sums = out.reserve("SUMS");
            try (Stream<Path> files = Files.list(sums.getParent())) {
                assertThat(files).hasSize(500 + 1); // and the marker
            }
            assertThat(sums).doesNotExist();
        }
    }

    @Test
    void aFailedWriteFailsTheBuildAndLeavesThePreviousOutput(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Files.createDirectories(work);
        Files.writeString(work.resolve("kept"), "previous");
        Files.writeString(work.resolve(OutputTree.MARKER), "an earlier output");
        assertThatThrownBy(() -> {
            try (OutputTree out = OutputTree.keepingSpare(work)) {
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

    /** No staging directory or other tree is left beside the work directory; its spare when said. */
    private static void assertBeside(Path dir, Path work, boolean spare) throws IOException {
        try (Stream<Path> beside = Files.list(dir)) {
            if (spare) {
                assertThat(beside).containsExactlyInAnyOrder(work, dir.resolve("." + work.getFileName() + ".spare"));
            } else {
                assertThat(beside).containsExactly(work);
            }
        }
    }

    /** Builds a small tree: two files per guest, the scripts executable. */
    private static OutputTree build(Path work, int guests, String variant) {
        OutputTree out = OutputTree.keepingSpare(work);
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
        assertBeside(dir, work, false);
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
        assertThat(links(disk)).isEqualTo(2); // and the spare's: the tree the swap replaced
        assertThat(inode(script)).isNotEqualTo(scriptIno);
        assertThat(script).hasContent("#!/bin/bash\necho 3 changed");
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(work.resolve("extra.txt")).doesNotExist();
        assertBeside(dir, work, true);
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
        assertThat(elsewhere).hasContent("disk 2");
        // The spare (the replaced tree) still has a name for it until the next build takes the spare.
        assertThat(rebuild(work, 5, " next")).isFalse();
        assertThat(links(elsewhere)).isEqualTo(1);
        assertThat(inode(work.resolve("guests/g2/volumes/disk.xml"))).isNotEqualTo(diskIno);
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
        assertBeside(dir, work, false);
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

    /** Two files per guest; guest {@code changed} gets another script. */
    private static boolean rebuildWithChangedGuest(Path work, int guests, int changed) {
        try (OutputTree out = OutputTree.keepingSpare(work)) {
            for (int i = 0; i < guests; i++) {
                out.write("guests/g" + i + "/volumes/disk.xml", "disk " + i + "\n");
                out.write("guests/g" + i + "/vmbuild.sh", "#!/bin/bash\necho " + i + (i == changed ? " changed" : "")
                        + "\n", true);
            }
            out.write("site.json", "{}\n");
            out.commit();
            return out.unchanged();
        }
    }

    /** Two builds (the second changes guest 1): the work directory then has a spare, the first tree. */
    private static Path withSpare(Path work, int guests) {
        rebuildWithChangedGuest(work, guests, -1);
        rebuildWithChangedGuest(work, guests, 1);
        Path spare = work.resolveSibling("." + work.getFileName() + ".spare");
        assertThat(spare).isDirectory();
        return spare;
    }

    @Test
    void aRebuildWritesIntoTheSpareAndCreatesOnlyWhatChanged(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Path spare = dir.resolve(".out.spare");
        rebuildWithChangedGuest(work, 30, -1);
        Object g7Dir = inode(work.resolve("guests/g7"));
        Object g7Script = inode(work.resolve("guests/g7/vmbuild.sh"));
        rebuildWithChangedGuest(work, 30, 3); // the first tree becomes the spare
        assertThat(inode(spare.resolve("guests/g7"))).isEqualTo(g7Dir);
        assertThat(spare.resolve("guests/g3/vmbuild.sh")).hasContent("#!/bin/bash\necho 3");
        Object g3Changed = inode(work.resolve("guests/g3/vmbuild.sh"));

        rebuildWithChangedGuest(work, 30, 5); // written into the spare: its directories and files are kept
        assertThat(inode(work.resolve("guests/g7"))).isEqualTo(g7Dir);
        assertThat(inode(work.resolve("guests/g7/vmbuild.sh"))).isEqualTo(g7Script);
        assertThat(work.resolve("guests/g3/vmbuild.sh")).hasContent("#!/bin/bash\necho 3");
        assertThat(work.resolve("guests/g5/vmbuild.sh")).hasContent("#!/bin/bash\necho 5 changed");
        assertThat(Files.isExecutable(work.resolve("guests/g5/vmbuild.sh"))).isTrue();
        assertThat(spare.resolve("guests/g3/vmbuild.sh")).hasContent("#!/bin/bash\necho 3 changed");
        assertThat(inode(spare.resolve("guests/g3/vmbuild.sh"))).isEqualTo(g3Changed);
        assertThat(links(work.resolve("guests/g7/vmbuild.sh"))).isEqualTo(2); // this tree and the spare
        assertBeside(dir, work, true);
    }

    @Test
    void whatTheSpareHasBeyondTheBuildIsRemovedBeforeTheSwap(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Path spare = withSpare(work, 10);
        Files.writeString(spare.resolve("guests/g2/notes.txt"), "left by hand");
        Files.createDirectories(spare.resolve("old-dir/deeper"));
        Files.writeString(spare.resolve("old-dir/deeper/x"), "x");
        rebuildWithChangedGuest(work, 8, 2); // two guests fewer: 16 files, site.json and the marker
        try (Stream<Path> files = Files.walk(work)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> work.relativize(p).toString()))
                    .hasSize(18).contains(OutputTree.MARKER).doesNotContain("guests/g2/notes.txt", "old-dir/deeper/x", "guests/g9/vmbuild.sh");
        }
        assertThat(work.resolve("old-dir")).doesNotExist();
        assertThat(work.resolve("guests/g9")).doesNotExist();
    }

    @Test
    void aLinkInTheSpareIsRemovedAndNeverFollowed(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Path spare = withSpare(work, 5);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("vmbuild.sh"), "outside");
        Files.writeString(outside.resolve("victim"), "victim");
        OutputTree.deleteTree(spare.resolve("guests/g2"));
        Files.createSymbolicLink(spare.resolve("guests/g2"), outside); // a directory on the way
        Files.delete(spare.resolve("guests/g3/vmbuild.sh"));
        Files.createSymbolicLink(spare.resolve("guests/g3/vmbuild.sh"), outside.resolve("victim")); // the file
        rebuildWithChangedGuest(work, 5, 4);
        assertThat(outside.resolve("vmbuild.sh")).hasContent("outside");
        assertThat(outside.resolve("victim")).hasContent("victim");
        try (Stream<Path> left = Files.list(outside)) {
            assertThat(left).hasSize(2);
        }
        assertThat(Files.isSymbolicLink(work.resolve("guests/g2"))).isFalse();
        assertThat(work.resolve("guests/g2/vmbuild.sh")).hasContent("#!/bin/bash\necho 2");
        assertThat(Files.isSymbolicLink(work.resolve("guests/g3/vmbuild.sh"))).isFalse();
        assertThat(work.resolve("guests/g3/vmbuild.sh")).hasContent("#!/bin/bash\necho 3");
    }

    /** Even where the linked directory holds exactly the file the build writes, the output gets a real one. */
    @Test
    void aLinkedDirectoryInTheSpareIsReplacedEvenWithTheRightFilesBehindIt(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Path spare = withSpare(work, 5);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.copy(spare.resolve("guests/g2/vmbuild.sh"), outside.resolve("vmbuild.sh"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(outside.resolve("volumes"));
        Files.copy(spare.resolve("guests/g2/volumes/disk.xml"), outside.resolve("volumes/disk.xml"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        OutputTree.deleteTree(spare.resolve("guests/g2"));
        Files.createSymbolicLink(spare.resolve("guests/g2"), outside);
        rebuildWithChangedGuest(work, 5, 4);
        assertThat(Files.isSymbolicLink(work.resolve("guests/g2"))).isFalse();
        assertThat(Files.isDirectory(work.resolve("guests/g2"))).isTrue();
        assertThat(work.resolve("guests/g2/vmbuild.sh")).hasContent("#!/bin/bash\necho 2");
        assertThat(links(outside.resolve("vmbuild.sh"))).isEqualTo(1);
        assertThat(outside.resolve("vmbuild.sh")).hasContent("#!/bin/bash\necho 2");
    }

    /** A directory of the work directory replaced by a link: what is behind it never enters the output. */
    @Test
    void aLinkedDirectoryInTheWorkDirectoryIsNotFollowed(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        rebuildWithChangedGuest(work, 5, -1);
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.move(work.resolve("guests/g2"), outside.resolve("g2"));
        Files.createSymbolicLink(work.resolve("guests/g2"), outside.resolve("g2"));
        Object outsideIno = inode(outside.resolve("g2/vmbuild.sh"));
        assertThat(rebuildWithChangedGuest(work, 5, -1)).isFalse(); // a link is not the same output
        assertThat(Files.isSymbolicLink(work.resolve("guests/g2"))).isFalse();
        assertThat(inode(work.resolve("guests/g2/vmbuild.sh"))).isNotEqualTo(outsideIno);
        assertThat(links(outside.resolve("g2/vmbuild.sh"))).isEqualTo(1);
    }

    @Test
    void aChmodedDirectoryInTheSpareIsMadeAnew(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Path spare = withSpare(work, 5);
        java.util.Set<PosixFilePermission> expected = Files.getPosixFilePermissions(spare.resolve("guests/g3"));
        Files.setPosixFilePermissions(spare.resolve("guests/g3"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        rebuildWithChangedGuest(work, 5, 4);
        assertThat(Files.getPosixFilePermissions(work.resolve("guests/g3"))).isEqualTo(expected);
        assertThat(work.resolve("guests/g3/vmbuild.sh")).hasContent("#!/bin/bash\necho 3");
    }

    @Test
    void aChangedOrChmodedFileInTheSpareIsWrittenAnew(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Path spare = withSpare(work, 5);
        // The spare's files are links of the work directory's: break the link first, as an editor does.
        Path edited = spare.resolve("guests/g2/vmbuild.sh");
        Files.delete(edited);
        Files.writeString(edited, "#!/bin/bash\necho 2\n");
        Files.setPosixFilePermissions(edited, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path other = spare.resolve("guests/g0/volumes/disk.xml");
        Files.delete(other);
        Files.writeString(other, "disk 0 edited\n");
        rebuildWithChangedGuest(work, 5, 4);
        assertThat(Files.isExecutable(work.resolve("guests/g2/vmbuild.sh"))).isTrue();
        assertThat(work.resolve("guests/g0/volumes/disk.xml")).hasContent("disk 0");
    }

    @Test
    void aFailedBuildGivesTheSpareBackAndLeavesTheWorkDirectory(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        withSpare(work, 5);
        try (OutputTree out = OutputTree.keepingSpare(work)) {
            out.write("guests/g0/vmbuild.sh", "#!/bin/bash\necho other\n", true);
            out.write("site.json", "{\"other\": true}\n");
            assertThatThrownBy(() -> out.write("../escape", "x")).isInstanceOf(MiniascapeException.class);
        }
        assertThat(work.resolve("guests/g1/vmbuild.sh")).hasContent("#!/bin/bash\necho 1 changed");
        assertThat(work.resolve("site.json")).hasContent("{}");
        assertBeside(dir, work, true);
        // Whatever the failed build left in it, the spare serves the next build.
        rebuildWithChangedGuest(work, 5, 2);
        assertThat(work.resolve("guests/g0/vmbuild.sh")).hasContent("#!/bin/bash\necho 0");
        assertThat(work.resolve("site.json")).hasContent("{}");
        assertThat(work.resolve("guests/g2/vmbuild.sh")).hasContent("#!/bin/bash\necho 2 changed");
    }

    @Test
    void twoBuildsAtOnceTakeTheSpareOnlyOnce(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        withSpare(work, 5);
        try (OutputTree first = OutputTree.keepingSpare(work); OutputTree second = OutputTree.keepingSpare(work)) {
            for (OutputTree out : List.of(first, second)) {
                out.write("site.json", "{}\n");
                out.write("guests/g0/vmbuild.sh", "#!/bin/bash\necho " + (out == first ? "first" : "second") + "\n", true);
            }
            first.commit();
            second.commit();
        }
        assertThat(work.resolve("guests/g0/vmbuild.sh")).hasContent("#!/bin/bash\necho second");
        assertThat(work.resolve("guests/g1")).doesNotExist();
        assertBeside(dir, work, true);
        // The first swap kept the tree it replaced as the spare; the second deleted first's (a spare existed).
        assertThat(dir.resolve(".out.spare/guests/g0/vmbuild.sh")).hasContent("#!/bin/bash\necho 0");
    }

    /** A spare this user does not own is neither used nor removed (a build as root, then as a user). */
    @Test
    void aSpareOfAnotherUserIsLeftAlone(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        Path spare = withSpare(work, 5);
        int nobody = 65534;
        Files.setAttribute(spare, "unix:uid", nobody); // the tests run as root, as the libvirt ones need
        Object spareIno = inode(spare);
        rebuildWithChangedGuest(work, 5, 2);
        assertThat(inode(spare)).isEqualTo(spareIno);
        assertThat(Files.getAttribute(spare, "unix:uid")).isEqualTo(nobody);
        assertThat(work.resolve("guests/g2/vmbuild.sh")).hasContent("#!/bin/bash\necho 2 changed");
        assertBeside(dir, work, true);
    }

    /** Bundles and converted images replace their directory whole: no spare of gigabytes is kept or used. */
    @Test
    void aPlainOutputKeepsNoSpareAndUsesNone(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("bundle");
        for (String version : new String[] {"1", "2", "3"}) {
            try (OutputTree out = new OutputTree(work)) {
                out.write("README", "version " + version + "\n");
                out.commit();
            }
            assertBeside(dir, work, false);
        }
        Path spare = Files.createDirectories(dir.resolve(".bundle.spare"));
        Files.writeString(spare.resolve("README"), "version 4\n");
        Object ino = inode(spare.resolve("README"));
        try (OutputTree out = new OutputTree(work)) {
            out.write("README", "version 4\n");
            out.commit();
        }
        assertThat(inode(work.resolve("README"))).isNotEqualTo(ino);
        assertThat(spare.resolve("README")).hasContent("version 4");
    }

    /** A build that was killed leaves its staging directory: a later build removes it, or makes it the spare. */
    @Test
    void whatAKilledBuildLeftIsRemovedOrServesAsTheSpare(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("out");
        rebuildWithChangedGuest(work, 3, -1);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path staging = Files.createDirectories(dir.resolve(".out.new-" + gone.pid() + "-123"));
        Files.writeString(staging.resolve("half-written"), "x");
        Path replaced = Files.createDirectories(dir.resolve(".out.old-" + gone.pid()));
        Path recent = Files.createDirectories(dir.resolve(".out.new-" + gone.pid() + "-789")); // a minute old
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(staging, hourAgo);
        Files.setLastModifiedTime(replaced, hourAgo);
        Files.setLastModifiedTime(recent, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minusSeconds(60)));
        Process running = new ProcessBuilder("sleep", "60").start();
        try {
            Path busy = Files.createDirectories(dir.resolve(".out.new-" + running.pid() + "-456"));
            Path unknown = Files.createDirectories(dir.resolve(".out.new-98765")); // not this naming: not ours
            Path other = Files.createDirectories(dir.resolve(".other.new-" + gone.pid() + "-1"));
            Files.setLastModifiedTime(busy, hourAgo);
            Files.setLastModifiedTime(unknown, hourAgo);
            Files.setLastModifiedTime(other, hourAgo);
            rebuildWithChangedGuest(work, 3, 2);
            assertThat(staging).doesNotExist(); // it became the spare, which this build wrote into
            assertThat(replaced).doesNotExist();
            assertThat(recent).isDirectory(); // perhaps a build in another PID namespace: left for now
            assertThat(busy).isDirectory();
            assertThat(unknown).isDirectory();
            assertThat(other).isDirectory();
            assertThat(work.resolve("half-written")).doesNotExist();
            assertThat(work.resolve("guests/g2/vmbuild.sh")).hasContent("#!/bin/bash\necho 2 changed");
            assertThat(dir.resolve(".out.spare/guests/g2/vmbuild.sh")).hasContent("#!/bin/bash\necho 2");
        } finally {
            running.destroy();
        }
    }

    /** A user's directory: two files and a subdirectory, no marker. */
    private static Path usersFiles(Path tree) throws IOException {
        Files.createDirectories(tree.resolve("docs"));
        Files.writeString(tree.resolve("docs/thesis.txt"), "chapter 1\n");
        Files.writeString(tree.resolve("notes.txt"), "notes\n");
        return tree;
    }

    private static void assertRefused(Runnable build, String path) {
        assertThatThrownBy(build::run).isInstanceOf(MiniascapeException.class)
                .hasMessageStartingWith(path + " ")
                .hasMessageContaining("is not a miniascape output")
                .hasMessageContaining("--force")
                .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void aDirectoryThatIsNotAnOutputIsRefusedAndLeftExactlyAsItWas(@TempDir Path dir) throws IOException {
        Path work = usersFiles(dir.resolve("out"));
        var before = org.miniascape.testing.TreeSnapshot.of(dir);
        for (boolean spare : new boolean[] {true, false}) {
            assertRefused(() -> (spare ? OutputTree.keepingSpare(work) : new OutputTree(work)).close(),
                    work.toString());
        }
        assertThat(org.miniascape.testing.TreeSnapshot.of(dir)).isEqualTo(before); // no staging directory either
    }

    @Test
    void forcedItIsReplacedSaysWhatItRemovesAndIsNotKeptAsTheSpare(@TempDir Path dir) throws IOException {
        Path work = usersFiles(dir.resolve("out"));
        try (OutputTree out = OutputTree.keepingSpare(work, true)) {
            assertThat(out.forced()).containsExactly("--force: " + work + " is not a miniascape output; its 2 "
                    + "entries (docs, notes.txt) are removed");
            out.write("site.json", "{}\n");
            out.commit();
        }
        assertThat(work.resolve("docs")).doesNotExist();
        assertThat(work.resolve(OutputTree.MARKER)).hasContent(OutputMarker.CONTENT.strip());
        // Not the spare: the next build would refuse it (and it is what --force said it removes).
        assertBeside(dir, work, false);
        assertThat(rebuild(work, 2, "")).isFalse();
    }

    @Test
    void aSpareThatIsNotAnOutputIsNeitherWrittenIntoNorRemovedUnlessForced(@TempDir Path dir) throws IOException {
        Path work = dir.resolve("out");
        rebuild(work, 3, "");
        Path spare = usersFiles(dir.resolve(".out.spare"));
        var before = org.miniascape.testing.TreeSnapshot.of(dir);
        assertRefused(() -> rebuild(work, 3, " changed"), spare.toString());
        assertThat(org.miniascape.testing.TreeSnapshot.of(dir)).isEqualTo(before);

        try (OutputTree out = OutputTree.keepingSpare(work, true)) {
            assertThat(out.forced()).singleElement().asString().startsWith("--force: " + spare + " (the spare tree")
                    .endsWith("its 2 entries (docs, notes.txt) are removed");
            out.write("site.json", "{}\n");
            out.commit();
        }
        assertThat(spare.resolve("docs")).doesNotExist(); // the forced spare was written into: now an output
        assertThat(work.resolve("site.json")).hasContent("{}");
        assertThat(rebuild(work, 3, " changed")).isFalse();
    }

    @Test
    void anEmptyDirectoryOrAnEarlierOutputIsReplacedWithoutForce(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (OutputTree out = new OutputTree(empty)) {
            assertThat(out.forced()).isEmpty();
            out.write("README", "x\n");
            out.commit();
        }
        assertThat(empty.resolve("README")).hasContent("x");
        Path earlier = usersFiles(dir.resolve("earlier"));
        Files.writeString(earlier.resolve(OutputTree.MARKER), "any text: an older output's");
        try (OutputTree out = OutputTree.keepingSpare(earlier)) {
            assertThat(out.forced()).isEmpty();
            out.write("README", "x\n");
            out.commit();
        }
        assertThat(earlier.resolve("notes.txt")).doesNotExist();
        assertThat(dir.resolve(".earlier.spare/notes.txt")).exists(); // an output: kept as the spare, as before
    }

    @Test
    void aFileALinkOrAPathWithoutParentIsNeverReplacedEvenForced(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "mine\n");
        Path target = usersFiles(dir.resolve("target"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Path below = dir.resolve("file/out");
        var before = org.miniascape.testing.TreeSnapshot.of(dir);
        for (boolean force : new boolean[] {false, true}) {
            assertThatThrownBy(() -> OutputTree.keepingSpare(file, force)).isInstanceOf(MiniascapeException.class)
                    .hasMessage(file + " exists and is not a directory: it is left as it is; remove it or choose "
                            + "another output directory");
            assertThatThrownBy(() -> new OutputTree(link, force)).isInstanceOf(MiniascapeException.class)
                    .hasMessageStartingWith(link + " is a symbolic link");
            assertThatThrownBy(() -> new OutputTree(below, force)).isInstanceOf(MiniascapeException.class)
                    .hasMessage("cannot write the output " + below + ": " + file + " is not a directory");
            assertThatThrownBy(() -> OutputTree.keepingSpare(Path.of("/"), force))
                    .isInstanceOf(MiniascapeException.class)
                    .hasMessageStartingWith("/ cannot be an output directory")
                    .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(2));
        }
        assertThat(org.miniascape.testing.TreeSnapshot.of(dir)).isEqualTo(before);
    }

    @Test
    void theExchangeSwapsTwoTreesInOneStep(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Files.writeString(a.resolve("from-a"), "a");
        Path b = Files.createDirectories(dir.resolve("b/inner"));
        Files.writeString(b.resolve("from-b"), "b");
        Object aIno = inode(a);
        Object bIno = inode(b);
        assertThat(AtomicExchange.exchange(a, b)).as("renameat2 on " + Files.getFileStore(dir).type()).isTrue();
        assertThat(inode(a)).isEqualTo(bIno);
        assertThat(inode(b)).isEqualTo(aIno);
        assertThat(a.resolve("from-b")).hasContent("b");
        assertThat(b.resolve("from-a")).hasContent("a");
        assertThatThrownBy(() -> AtomicExchange.exchange(a, dir.resolve("absent"))).isInstanceOf(IOException.class)
                .hasMessageContaining("No such file or directory");
        assertThat(a.resolve("from-b")).hasContent("b");
    }

    /**
     * While builds swap in one new tree after another, a reader never finds the work directory missing; and
     * where the exchange is not available, the two renames give the same trees and spare.
     */
    @Test
    void theWorkDirectoryIsThereAtEveryInstantOfTheSwap(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("out");
        rebuild(work, 3, "");
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger missing = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                looks.incrementAndGet();
                if (!Files.isRegularFile(work.resolve(OutputTree.MARKER))) {
                    missing.incrementAndGet();
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 200; i++) {
                assertThat(rebuild(work, 3, " " + i)).isFalse();
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(looks.get()).isGreaterThan(200);
        assertThat(missing.get()).isZero();
        assertBeside(dir, work, true);

        System.setProperty("miniascape.renameExchange", "false");
        try {
            Object spare = inode(dir.resolve(".out.spare"));
            assertThat(rebuild(work, 3, " two renames")).isFalse();
            assertThat(work.resolve("guests/g2/vmbuild.sh")).hasContent("#!/bin/bash\necho 2 two renames");
            assertThat(inode(work)).isEqualTo(spare); // the spare was written into and swapped in
            assertBeside(dir, work, true);
            assertThat(dir.resolve(".out.spare/guests/g2/vmbuild.sh")).hasContent("#!/bin/bash\necho 2 199");
        } finally {
            System.clearProperty("miniascape.renameExchange");
        }
    }
}
