package org.miniascape.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.testing.Golden;

/**
 * Volume XML written for {@code virsh vol-create} and read back: every generated golden volume file reads and
 * writes back to its bytes (the reader drops the header comment, {@link VolumeXml#write} writes it again), and
 * the form {@code virsh vol-dumpxml} prints reads to its values.
 */
class VolumeXmlTest {

    private static final String HEADER_LINE = "<!-- " + DomainXml.HEADER + " -->\n";

    static Stream<Path> goldenVolumes() throws IOException {
        try (Stream<Path> files = Files.walk(Golden.RESOURCES)) {
            return files.filter(f -> f.toString().contains("/expected/") && f.getParent().endsWith("volumes")
                    && f.toString().endsWith(".xml")).sorted().toList().stream();
        }
    }

    @Test
    void everyGoldenVolumeFileIsFound() throws IOException {
        assertThat(goldenVolumes()).hasSizeGreaterThanOrEqualTo(20)
                .anyMatch(f -> f.endsWith(Path.of("cluster-1", "volumes", "cluster-1-disk1.raw.xml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenVolumes")
    void goldenFileReadsAndWritesBackToTheSameBytes(Path file) throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(xml).startsWith(HEADER_LINE);
        VolumeElement volume = VolumeXml.read(xml);
        assertThat(volume.toXml()).isEqualTo(xml.substring(HEADER_LINE.length()));
        assertThat(VolumeXml.write(volume)).isEqualTo(xml);
    }

    @Test
    void anOverlayReadsBackToWhatItWasWrittenFrom() {
        VolumeXml.Backing base = new VolumeXml.Backing("/var/lib/libvirt/images/base.qcow2", "qcow2");
        VolumeElement overlay = VolumeXml.read(VolumeXml.render("web-disk0.qcow2", 10, "qcow2", Optional.of(base)));
        assertThat(overlay).isEqualTo(new VolumeElement(Optional.of("file"), "web-disk0.qcow2",
                Optional.of(new VolumeElement.Capacity("10", Optional.of("GiB"))), Optional.empty(),
                Optional.of("qcow2"), Optional.of("1.1"), Optional.of(base)));
    }

    @Test
    void aRawSeedHasItsSizeInBytesAndNoCompat() {
        VolumeElement seed = VolumeXml.read(VolumeXml.raw("web-seed.raw", 1048576));
        assertThat(seed.capacity()).contains(new VolumeElement.Capacity("1048576", Optional.of("bytes")));
        assertThat(seed.format()).contains("raw");
        assertThat(seed.compat()).isEmpty();
        assertThat(seed.backing()).isEmpty();
    }

    @Test
    void libvirtsOwnFormReadsToItsValues() {
        VolumeElement v = VolumeXml.read("""
                <volume type='file'>
                  <name>web-disk0.qcow2</name>
                  <key>/var/lib/libvirt/images/lab/web-disk0.qcow2</key>
                  <capacity unit='bytes'>10737418240</capacity>
                  <allocation unit='bytes'>200704</allocation>
                  <physical unit='bytes'>196616</physical>
                  <target>
                    <path>/var/lib/libvirt/images/lab/web-disk0.qcow2</path>
                    <format type='qcow2'/>
                    <permissions>
                      <mode>0600</mode>
                      <owner>107</owner>
                      <group>107</group>
                    </permissions>
                    <timestamps>
                      <atime>1700000000.1</atime>
                    </timestamps>
                    <compat>1.1</compat>
                    <clusterSize unit='B'>65536</clusterSize>
                    <features/>
                  </target>
                  <backingStore>
                    <path>/var/lib/libvirt/images/lab/base.qcow2</path>
                    <format type='qcow2'/>
                    <permissions>
                      <mode>0644</mode>
                    </permissions>
                  </backingStore>
                </volume>
                """);
        assertThat(v).isEqualTo(new VolumeElement(Optional.of("file"), "web-disk0.qcow2",
                Optional.of(new VolumeElement.Capacity("10737418240", Optional.of("bytes"))),
                Optional.of("/var/lib/libvirt/images/lab/web-disk0.qcow2"), Optional.of("qcow2"), Optional.of("1.1"),
                Optional.of(new VolumeXml.Backing("/var/lib/libvirt/images/lab/base.qcow2", "qcow2"))));
        assertThat(v.toXml()).isEqualTo("""
                <volume type="file">
                  <name>web-disk0.qcow2</name>
                  <capacity unit="bytes">10737418240</capacity>
                  <target>
                    <path>/var/lib/libvirt/images/lab/web-disk0.qcow2</path>
                    <format type="qcow2"/>
                    <compat>1.1</compat>
                  </target>
                  <backingStore>
                    <path>/var/lib/libvirt/images/lab/base.qcow2</path>
                    <format type="qcow2"/>
                  </backingStore>
                </volume>
                """);
    }

    @Test
    void missingPartsStayMissing() {
        VolumeElement v = VolumeXml.read("<volume><name>blank</name><backingStore><path>/b.img</path>"
                + "</backingStore></volume>");
        assertThat(v).isEqualTo(new VolumeElement(Optional.empty(), "blank", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(new VolumeXml.Backing("/b.img", ""))));
        assertThat(v.toXml()).isEqualTo("""
                <volume>
                  <name>blank</name>
                  <backingStore>
                    <path>/b.img</path>
                  </backingStore>
                </volume>
                """);
    }
}
