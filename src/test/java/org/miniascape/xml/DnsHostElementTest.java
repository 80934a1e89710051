package org.miniascape.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.miniascape.model.Ipv4;

class DnsHostElementTest {

    private static final DnsHostElement GW = new DnsHostElement("198.51.100.1", List.of("gw", "ks"));

    private static DnsHostElement readBack(String xml) {
        return DnsHostElement.read(XmlElement.parse(xml));
    }

    private static String written(DnsHostElement host) {
        XmlWriter w = new XmlWriter();
        host.write(w);
        return w.finish();
    }

    @Test
    void writtenAsTheDefinitionHasItAndReadBack() {
        String xml = written(GW);
        assertThat(xml).isEqualTo("""
                <host ip="198.51.100.1">
                  <hostname>gw</hostname>
                  <hostname>ks</hostname>
                </host>
                """);
        assertThat(readBack(xml)).isEqualTo(GW);
    }

    @Test
    void updateFragmentIsTheSameElementAndReadsBackTheSame() {
        assertThat(GW.toXml()).isEqualTo(written(GW).strip());
        assertThat(readBack(GW.toXml())).isEqualTo(GW);
    }

    @Test
    void readsLibvirtsOwnForm() {
        DnsHostElement host = readBack("<host ip='198.51.100.1'>\n  <hostname>gw</hostname>\n"
                + "  <hostname> ks </hostname>\n</host>");
        assertThat(host).isEqualTo(GW);
        assertThat(host).hasToString("198.51.100.1 gw ks");
    }

    @Test
    void withoutNamesItIsTheDeleteByAddress() {
        DnsHostElement byAddress = new DnsHostElement("198.51.100.1", List.of());
        assertThat(byAddress.toXml()).isEqualTo("<host ip=\"198.51.100.1\"/>");
        assertThat(readBack(byAddress.toXml())).isEqualTo(byAddress);
    }

    @Test
    void fromAnAddressAndItsNames() {
        assertThat(DnsHostElement.of(Ipv4.parse("198.51.100.1"), List.of("gw", "ks"))).isEqualTo(GW);
    }

    @Test
    void namesAreEscapedOnWriteAndUnescapedOnRead() {
        DnsHostElement odd = new DnsHostElement("198.51.100.9", List.of("a&b<c"));
        assertThat(odd.toXml()).contains("a&amp;b&lt;c");
        assertThat(readBack(odd.toXml())).isEqualTo(odd);
    }

    @Test
    void xpathMatchesTheAddressWithExactlyItsNames() {
        assertThat(GW.xpath()).isEqualTo("/network/dns/host[@ip='198.51.100.1' and hostname='gw' and hostname='ks'"
                + " and count(hostname)=2]");
        assertThat(new DnsHostElement("198.51.100.9", List.of()).xpath())
                .isEqualTo("/network/dns/host[@ip='198.51.100.9' and count(hostname)=0]");
    }

    @Test
    void otherAddressesXpathLeavesTheKeptOnesOut() {
        assertThat(DnsHostElement.otherAddressesXpath("web", List.of("198.51.100.11", "198.51.100.12")))
                .isEqualTo("/network/dns/host[hostname='web' and @ip!='198.51.100.11' and @ip!='198.51.100.12']/@ip");
        assertThat(DnsHostElement.otherAddressesXpath("it's", List.of()))
                .isEqualTo("/network/dns/host[hostname=\"it's\"]/@ip");
    }
}
