package org.miniascape.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miniascape.model.Origin;
import org.miniascape.model.StoragePool;

/** Pool XML written for {@code virsh pool-define} and read back, generated and in libvirt's own form. */
class PoolXmlTest {

    private static final StoragePool LAB = new StoragePool("lab", "dir", "/var/lib/libvirt/images/lab", true,
            Origin.NONE);

    @Test
    void writtenWithHeaderAndUuidAndReadBack() {
        String xml = PoolXml.render(LAB, Optional.of("0d8c7d4e-1111-4222-8333-944455556666"));
        assertThat(xml).isEqualTo("""
                <!-- %s -->
                <pool type="dir">
                  <name>lab</name>
                  <uuid>0d8c7d4e-1111-4222-8333-944455556666</uuid>
                  <target>
                    <path>/var/lib/libvirt/images/lab</path>
                  </target>
                </pool>
                """.formatted(NetworkXml.HEADER));
        PoolElement pool = PoolXml.read(xml);
        assertThat(pool).isEqualTo(new PoolElement("dir", "lab", Optional.of("0d8c7d4e-1111-4222-8333-944455556666"),
                Optional.of("/var/lib/libvirt/images/lab")));
        assertThat(PoolXml.write(pool)).isEqualTo(xml);
        assertThat(PoolXml.read(PoolXml.render(LAB)).uuid()).isEmpty();
    }

    @Test
    void libvirtsOwnFormReadsToItsValues() {
        PoolElement pool = PoolXml.read("""
                <pool type='dir'>
                  <name>lab</name>
                  <uuid>0d8c7d4e-1111-4222-8333-944455556666</uuid>
                  <capacity unit='bytes'>105088212992</capacity>
                  <allocation unit='bytes'>40016060416</allocation>
                  <available unit='bytes'>65072152576</available>
                  <source>
                  </source>
                  <target>
                    <path> /var/lib/libvirt/images/lab </path>
                    <permissions>
                      <mode>0711</mode>
                      <owner>0</owner>
                      <group>0</group>
                    </permissions>
                  </target>
                </pool>
                """);
        assertThat(pool).isEqualTo(new PoolElement("dir", "lab", Optional.of("0d8c7d4e-1111-4222-8333-944455556666"),
                Optional.of("/var/lib/libvirt/images/lab")));
        assertThat(pool.toXml()).isEqualTo("""
                <pool type="dir">
                  <name>lab</name>
                  <uuid>0d8c7d4e-1111-4222-8333-944455556666</uuid>
                  <target>
                    <path>/var/lib/libvirt/images/lab</path>
                  </target>
                </pool>
                """);
    }

    @Test
    void theTargetIsThePoolsOwnNotASourceDevicePath() {
        PoolElement pool = PoolXml.read("<pool type='logical'><name>vg0</name><source>"
                + "<device path='/dev/sdb'/><name>vg0</name><format type='lvm2'/></source>"
                + "<target><path>/dev/vg0</path></target></pool>");
        assertThat(pool.type()).isEqualTo("logical");
        assertThat(pool.name()).isEqualTo("vg0");
        assertThat(pool.targetPath()).contains("/dev/vg0");
    }

    @Test
    void aPoolWithoutTargetOrUuidHasNone() {
        PoolElement pool = PoolXml.read("<pool type='rbd'><name>ceph</name><source><name>rbd</name></source>"
                + "</pool>");
        assertThat(pool).isEqualTo(new PoolElement("rbd", "ceph", Optional.empty(), Optional.empty()));
        assertThat(pool.toXml()).isEqualTo("""
                <pool type="rbd">
                  <name>ceph</name>
                </pool>
                """);
    }
}
