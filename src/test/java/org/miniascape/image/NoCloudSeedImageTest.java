package org.miniascape.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/** The seed as the guest's tools see it: blkid's label and type, and the files under their own names. */
class NoCloudSeedImageTest {
    @TempDir
    Path dir;

    @Test
    void theSeedIsAnIso9660ImageLabelledCidataHoldingTheFilesUnderTheirNames() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("user-data", "#cloud-config\nhostname: web-1\n");
        files.put("meta-data", "instance-id: web-1\nlocal-hostname: web-1\n");
        files.put("network-config", "version: 2\nethernets: {}\n");
        byte[] iso = new NoCloudSeedImage(new Executor()).pack("web-1", files);
        Path image = Files.write(dir.resolve("seed.iso"), iso);

        ExecResult blkid = new Executor().runChecked(Command.of("blkid", "-p", "-o", "export", image.toString()));
        assertThat(blkid.stdout()).contains("LABEL=cidata\n").contains("TYPE=iso9660\n");

        for (Map.Entry<String, String> f : files.entrySet()) {
            Path out = dir.resolve("out-" + f.getKey());
            new Executor().runChecked(Command.of("xorriso", "-osirrox", "on", "-indev", image.toString(),
                    "-extract", "/" + f.getKey(), out.toString()));
            assertThat(Files.readString(out)).isEqualTo(f.getValue());
        }
        ExecResult joliet = new Executor().runChecked(Command.of("isoinfo", "-J", "-f", "-i", image.toString()));
        assertThat(joliet.stdout().lines()).containsExactlyInAnyOrder("/meta-data", "/network-config",
                "/user-data");
    }
}
