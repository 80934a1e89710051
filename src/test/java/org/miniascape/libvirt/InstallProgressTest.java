package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer's progress as its serial console tells it. */
class InstallProgressTest {
    @TempDir
    Path dir;

    @Test
    void anacondasPackageCountsAndPercentagesGiveTheLastFigure() {
        assertThat(InstallProgress.last("Installing bash-5.1.8-6.el9.x86_64 (45/312)\n")).hasValue(14);
        assertThat(InstallProgress.last("(1/4)\nInstalling glibc (2/4)\r\n")).hasValue(50);
        assertThat(InstallProgress.last("Installing x (3/4)\nWriting objects: 80 %\n")).hasValue(80);
        assertThat(InstallProgress.last("progress 12%\nInstalling y (4/4)\n")).hasValue(100);
        assertThat(InstallProgress.last("done 7.5%")).hasValue(7);
    }

    @Test
    void figuresThatAreNoProgressAreIgnored() {
        assertThat(InstallProgress.last("Booting the kernel\nNetwork 198.51.100.0/24 up\n")).isEmpty();
        assertThat(InstallProgress.last("disk at 250% of something")).isEmpty();
        assertThat(InstallProgress.last("a ratio (5/0)")).isEmpty();
        assertThat(InstallProgress.last("(9/4) too many")).isEmpty();
    }

    @Test
    void onlyWhatTheLogGainedSinceTheStartCounts() throws Exception {
        Path log = dir.resolve("serial.log");
        Files.writeString(log, "an earlier boot: Installing old (9/10)\n");
        InstallProgress p = InstallProgress.from(log.toString());
        assertThat(p.percent()).isEmpty();
        Files.writeString(log, "anaconda started\nInstalling a (1/8)\n", StandardOpenOption.APPEND);
        assertThat(p.percent()).hasValue(12);
        Files.writeString(log, "Installing b (6/8)\n", StandardOpenOption.APPEND);
        assertThat(p.percent()).hasValue(75);
    }

    @Test
    void aLogThatIsNotHereOrNotGivenTellsNothing() {
        assertThat(InstallProgress.from(dir.resolve("absent.log").toString()).percent()).isEmpty();
        assertThat(InstallProgress.from("").percent()).isEqualTo(OptionalInt.empty());
    }
}
