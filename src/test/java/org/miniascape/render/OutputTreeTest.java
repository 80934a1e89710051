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
}
