package org.miniascape.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;

class XmlElementTest {

    private static final String NETWORK = """
            <!-- a comment before the root -->
            <network connections='2'>
              <name>lab-net</name>
              <bridge name='virbr9' stp='on' delay='0'/>
              <ip address='10.9.0.1' netmask='255.255.255.0'>
                <dhcp>
                  <host mac='52:54:00:00:00:01' name='a' ip='10.9.0.11'/>
                  <host mac='52:54:00:00:00:02' name='b' ip='10.9.0.12'/>
                </dhcp>
              </ip>
            </network>
            """;

    @Test
    void navigatesChildrenAttributesAndText() {
        XmlElement net = XmlElement.parse(NETWORK);
        assertThat(net.name()).isEqualTo("network");
        assertThat(net.namespace()).isEmpty();
        assertThat(net.attr("connections")).isEqualTo("2");
        assertThat(net.attr("missing")).isEmpty();
        assertThat(net.attribute("missing")).isEmpty();
        assertThat(net.hasAttr("connections")).isTrue();
        assertThat(net.childText("name")).isEqualTo("lab-net");
        assertThat(net.childText("uuid")).isEmpty();
        assertThat(net.child("bridge").orElseThrow().attributes()).extracting(XmlElement.Attribute::name)
                .containsExactly("name", "stp", "delay"); // document order
        List<XmlElement> hosts = net.child("ip").orElseThrow().child("dhcp").orElseThrow().children("host");
        assertThat(hosts).extracting(h -> h.attr("name")).containsExactly("a", "b");
        assertThat(net.children()).extracting(XmlElement::name).containsExactly("name", "bridge", "ip");
        // Layout between child elements is not text.
        assertThat(net.text()).isEmpty();
        assertThat(net.child("ip").orElseThrow().text()).isEmpty();
    }

    @Test
    void textKeepsWhitespaceAndResolvesEntitiesAndCdata() {
        XmlElement e = XmlElement.parse("<a><b> x &amp; y &lt;z&gt; &#233;&#x41;<![CDATA[<raw>&]]><!-- c -->end </b>"
                + "<c q='&quot;1&apos; &amp; 2'/></a>");
        assertThat(e.child("b").orElseThrow().text()).isEqualTo(" x & y <z> \u00e9A<raw>&end ");
        assertThat(e.child("c").orElseThrow().attr("q")).isEqualTo("\"1' & 2");
    }

    @Test
    void resolvesNamespacesAndKeepsDeclarationsAmongAttributes() {
        XmlElement domain = XmlElement.parse("""
                <domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
                  <metadata>
                    <m:owner xmlns:m='urn:mark' m:site='lab' plain='p'/>
                    <thing xmlns='urn:default'><inner/></thing>
                  </metadata>
                  <qemu:commandline><qemu:arg value='-s'/></qemu:commandline>
                  <other:unbound/>
                </domain>
                """);
        assertThat(domain.attributes()).containsExactly(
                new XmlElement.Attribute("type", "", "kvm"),
                new XmlElement.Attribute("xmlns:qemu", XMLConstants.XMLNS_ATTRIBUTE_NS_URI,
                        "http://libvirt.org/schemas/domain/qemu/1.0"));
        XmlElement owner = domain.child("metadata").orElseThrow().child("m:owner").orElseThrow();
        assertThat(owner.namespace()).isEqualTo("urn:mark");
        assertThat(owner.localName()).isEqualTo("owner");
        assertThat(owner.attribute("urn:mark", "site")).contains("lab");
        assertThat(owner.attr("m:site")).isEqualTo("lab");
        assertThat(owner.attribute("", "plain")).contains("p");
        assertThat(owner.attribute("", "site")).isEmpty();
        XmlElement thing = domain.child("metadata").orElseThrow().child("thing").orElseThrow();
        assertThat(thing.namespace()).isEqualTo("urn:default");
        assertThat(thing.child("inner").orElseThrow().namespace()).isEqualTo("urn:default");
        XmlElement cmd = domain.child("qemu:commandline").orElseThrow();
        assertThat(cmd.namespace()).isEqualTo("http://libvirt.org/schemas/domain/qemu/1.0");
        assertThat(cmd.child("qemu:arg").orElseThrow().namespace()).isEqualTo(cmd.namespace());
        // Out of the declaring element's scope, and an unbound prefix: names, in no namespace.
        assertThat(domain.child("metadata").orElseThrow().namespace()).isEmpty();
        assertThat(domain.child("other:unbound").orElseThrow().namespace()).isEmpty();
    }

    @Test
    void malformedXmlIsRefusedWithWhereAndWhat() {
        for (String bad : List.of("<a><b></a>", "", "<a/>junk", "<a x='1' x='2'/>", "<a>&undeclared;</a>",
                "not xml")) {
            assertThatThrownBy(() -> XmlElement.parse(bad)).as(bad)
                    .isInstanceOf(MiniascapeException.class)
                    .hasMessageStartingWith("cannot read libvirt XML: line ")
                    .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(1))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> XmlElement.parse("<a><b></a>")).hasMessageContaining("\"b\"");
    }

    @Test
    void refusalCanBeTheCallersOwn() {
        assertThatThrownBy(() -> XmlElement.parse("<a>", why -> MiniascapeException.badInput("f.xml: " + why)))
                .isInstanceOf(MiniascapeException.class)
                .hasMessageStartingWith("f.xml: line 1")
                .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void billionLaughsIsRefused() {
        String lol = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [
                  <!ENTITY lol "lol">
                  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                ]>
                <network><name>&lol9;</name></network>
                """;
        assertThatThrownBy(() -> XmlElement.parse(lol)).isInstanceOf(MiniascapeException.class)
                .hasMessageStartingWith("cannot read libvirt XML: ");
    }

    @Test
    void externalEntitiesAndDtdsAreNeverRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "SECRET");
        String uri = secret.toUri().toString();
        for (String attack : List.of(
                "<!DOCTYPE n [<!ENTITY x SYSTEM '" + uri + "'>]><network><name>&x;</name></network>",
                "<!DOCTYPE n SYSTEM '" + uri + "'><network><name>n</name></network>",
                "<!DOCTYPE n [<!ENTITY % p SYSTEM '" + uri + "'> %p;]><network/>",
                "<!DOCTYPE n [<!ATTLIST network a CDATA 'default'>]><network/>")) {
            assertThatThrownBy(() -> XmlElement.parse(attack)).as(attack)
                    .isInstanceOf(MiniascapeException.class)
                    .hasMessageStartingWith("cannot read libvirt XML: ")
                    .hasMessageNotContaining("SECRET");
        }
        assertThatThrownBy(() -> XmlElement.parse("<!DOCTYPE network><network/>"))
                .hasMessageContaining("DOCTYPE is not allowed");
    }

    @Test
    void deepNestingIsRefused() {
        int ok = XmlElement.MAX_DEPTH;
        assertThat(XmlElement.parse("<a>".repeat(ok) + "</a>".repeat(ok)).children()).hasSize(1);
        int deep = XmlElement.MAX_DEPTH + 1;
        assertThatThrownBy(() -> XmlElement.parse("<a>".repeat(deep) + "</a>".repeat(deep)))
                .hasMessageContaining("nested deeper than " + XmlElement.MAX_DEPTH);
    }

    @Test
    void roundTripThroughTheWriterGivesTheSameTree() {
        String xml = """
                <domain xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0' type='kvm'>
                  <name>web-1 &amp; &lt;co&gt; \u00e9</name>
                  <description>  two
                  lines  </description>
                  <devices>
                    <disk type='file' device='disk'><source file='/v/a b&apos;c.qcow2'/><target dev='vda'/></disk>
                    <empty></empty>
                  </devices>
                  <qemu:commandline><qemu:arg value='-a &quot;b&quot;'/></qemu:commandline>
                </domain>
                """;
        XmlElement tree = XmlElement.parse(xml);
        String written = tree.toXml();
        assertThat(XmlElement.parse(written)).isEqualTo(tree);
        assertThat(written).startsWith("<domain xmlns:qemu=\"http://libvirt.org/schemas/domain/qemu/1.0\" "
                + "type=\"kvm\">\n  <name>web-1 &amp; &lt;co&gt; \u00e9</name>\n");
        assertThat(written).contains("\n    <empty/>\n").endsWith("</domain>\n"); // nothing in it: an empty tag
        // Written again, byte for byte the same.
        assertThat(XmlElement.parse(written).toXml()).isEqualTo(written);
    }

    @Test
    void editsMakeCopiesAndLeaveTheOriginal() {
        XmlElement disk = XmlElement.parse("""
                <disk type='volume' device='disk'>
                  <source pool='p' volume='v'/>
                  <target dev='vda' bus='virtio'/>
                  <target dev='vdb'/>
                </disk>
                """);
        XmlElement edited = disk.withAttr("type", "file").withAttr("new", "1")
                .withChild("source", 0, s -> s.withoutAttrs(List.of("pool", "volume")).withAttr("file", "/f"))
                .withChild("target", 1, t -> t.withAttr("dev", "vdc"));
        assertThat(edited.attributes()).extracting(XmlElement.Attribute::name)
                .containsExactly("type", "device", "new"); // replaced in place, added last
        assertThat(edited.attr("type")).isEqualTo("file");
        assertThat(edited.child("source").orElseThrow().attributes())
                .containsExactly(new XmlElement.Attribute("file", "", "/f"));
        assertThat(edited.children("target")).extracting(t -> t.attr("dev")).containsExactly("vda", "vdc");
        assertThat(disk.attr("type")).isEqualTo("volume");
        assertThat(disk.child("source").orElseThrow().attr("pool")).isEqualTo("p");
        assertThat(edited.withoutChildren("target").children()).extracting(XmlElement::name)
                .containsExactly("source");
        assertThat(XmlElement.of("path").withText("/srv").toXml()).isEqualTo("<path>/srv</path>\n");
        assertThatThrownBy(() -> disk.withChild("target", 2, t -> t)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new XmlElement("a", "", List.of(), List.of(XmlElement.of("b")), "text"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownerMarkWrittenByTheWriterReadsBack() {
        XmlWriter w = new XmlWriter();
        w.start("network");
        new OwnerMark("lab", "i-1", "sha256:00", List.of(new OwnerMark.VolumeRef("p", "v"))).write(w);
        w.end();
        XmlElement owner = XmlElement.parse(w.finish()).child("metadata").orElseThrow()
                .child("miniascape:owner").orElseThrow();
        assertThat(owner.namespace()).isEqualTo(OwnerMark.NAMESPACE);
        assertThat(owner.attribute("", "site")).isEqualTo(Optional.of("lab"));
        assertThat(owner.child("miniascape:volume").orElseThrow().namespace()).isEqualTo(OwnerMark.NAMESPACE);
    }
}
