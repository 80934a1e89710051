package org.miniascape.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmxFileTest {

    @Test
    void escapesAreBytesOfTheFilesEncoding(@TempDir Path dir) throws IOException {
        Path vmx = dir.resolve("a.vmx");
        // "Café |1" with the quote, the pipe and the é escaped, as VMware writes them in UTF-8.
        Files.writeString(vmx, ".encoding = \"UTF-8\"\nannotation = \"Caf|C3|A9 |22one|22 |7C1|0A\"\n"
                + "displayName = \"pipe at the end |\"\n");
        VmxFile file = VmxFile.read(vmx);
        assertThat(file.get("annotation")).contains("Caf\u00e9 \"one\" |1\n");
        assertThat(file.get("displayName")).contains("pipe at the end |");
    }

    @Test
    void escapesInALatin1FileAreLatin1Bytes(@TempDir Path dir) throws IOException {
        Path vmx = dir.resolve("b.vmx");
        Files.write(vmx, ".encoding = \"windows-1252\"\ndisplayName = \"Caf\u00e9 |E9t|E9\"\n"
                .getBytes(Charset.forName("windows-1252")));
        assertThat(VmxFile.read(vmx).get("displayname")).contains("Caf\u00e9 \u00e9t\u00e9");
    }

    @Test
    void notAnEscapeIsKeptAsItIs() {
        assertThat(VmxFile.unescape("a|zz|4", StandardCharsets.UTF_8)).isEqualTo("a|zz|4");
        assertThat(VmxFile.unescape("|41|42c", StandardCharsets.UTF_8)).isEqualTo("ABc");
    }
}
