package org.miniascape.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miniascape.MiniascapeException;

class DomainDocumentTest {

    private static final String DOMAIN = """
            <domain xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' type='kvm'>
              <name> web-1 </name>
              <uuid>0b5e3c1e-0000-4000-8000-000000000001</uuid>
              <devices>
                <disk device='disk' type='volume'>
                  <driver type='raw' name='qemu'/>
                  <source volume='web-1.qcow2' pool='lab' mode='host'/>
                  <backingStore type='file'><source file='/var/lib/base.qcow2'/></backingStore>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='file' device='cdrom'>
                  <source file='/iso/install.iso'/>
                  <target dev='sda' bus='sata'/>
                </disk>
                <disk type='file'>
                  <target dev='vdb'/>
                </disk>
              </devices>
              <qemu:commandline><qemu:arg value='-s'/></qemu:commandline>
            </domain>
            """;

    @Test
    void readsTheDisks() {
        DomainDocument d = DomainDocument.parse(DOMAIN, "web-1.xml");
        assertThat(d.name()).isEqualTo("web-1");
        List<DomainDocument.DiskRef> disks = d.disks();
        assertThat(disks).extracting(DomainDocument.DiskRef::type, DomainDocument.DiskRef::device,
                DomainDocument.DiskRef::target).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("volume", "disk", "vda"),
                        org.assertj.core.groups.Tuple.tuple("file", "cdrom", "sda"),
                        org.assertj.core.groups.Tuple.tuple("file", "disk", "vdb"));
        assertThat(disks.get(0).source()).contains("lab/web-1.qcow2");
        assertThat(disks.get(0).driverType()).contains("raw");
        assertThat(disks.get(2).source()).isEmpty();
        assertThat(disks.get(2).driverType()).isEmpty();
        assertThat(DomainDocument.volume(disks.get(0))).hasValueSatisfying(
                pv -> assertThat(pv).containsExactly("lab", "web-1.qcow2"));
        assertThat(d.hostResources()).containsExactly("<qemu:commandline> (passes settings to the hypervisor "
                + "directly)");
    }

    @Test
    void editsRewriteTheDocumentWithAttributesSorted() {
        DomainDocument d = DomainDocument.parse(DOMAIN, "web-1.xml");
        DomainDocument.DiskRef root = d.disks().get(0);
        root.dropBackingStore();
        root.setFile("images/web-1.qcow2");
        root.setFormat("qcow2");
        assertThat(root.type()).isEqualTo("volume"); // as read; disks() reads again
        assertThat(DomainDocument.volume(root)).hasValueSatisfying(pv -> assertThat(pv).containsExactly("", ""));
        d.disks().get(1).eject();
        d.disks().get(2).setFile("images/empty.qcow2"); // no <source>: one is made, first in the disk
        d.remove("uuid");
        assertThat(d.disks()).extracting(DomainDocument.DiskRef::source).containsExactly(
                Optional.of("images/web-1.qcow2"), Optional.empty(), Optional.of("images/empty.qcow2"));
        String xml = d.toXml();
        assertThat(xml).isEqualTo("""
                <domain type="kvm" xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0">
                  <name> web-1 </name>
                  <devices>
                    <disk device="disk" type="file">
                      <driver name="qemu" type="qcow2"/>
                      <source file="images/web-1.qcow2"/>
                      <target bus="virtio" dev="vda"/>
                    </disk>
                    <disk device="cdrom" type="file">
                      <target bus="sata" dev="sda"/>
                    </disk>
                    <disk type="file">
                      <source file="images/empty.qcow2"/>
                      <target dev="vdb"/>
                    </disk>
                  </devices>
                  <qemu:commandline>
                    <qemu:arg value="-s"/>
                  </qemu:commandline>
                </domain>
                """);
        assertThat(DomainDocument.parse(xml, "again").toXml()).isEqualTo(xml);
    }

    @Test
    void refusesWhatIsNotADomain() {
        assertThatThrownBy(() -> DomainDocument.parse("<domain><name>x</name>", "f.xml"))
                .isInstanceOf(MiniascapeException.class).hasMessageStartingWith("f.xml: not well-formed XML: line 1")
                .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> DomainDocument.parse(
                "<!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><name>&x;</name></domain>", "f.xml"))
                .hasMessageStartingWith("f.xml: not well-formed XML: ").hasMessageContaining("DOCTYPE")
                .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> DomainDocument.parse("<network><name>x</name></network>", "f.xml"))
                .hasMessage("f.xml: not a libvirt domain XML (root element <network>)");
        assertThatThrownBy(() -> DomainDocument.parse("<domain type='kvm'/>", "f.xml"))
                .hasMessage("f.xml: the domain has no <name>");
    }
}
