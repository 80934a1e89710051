package org.miniascape.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miniascape.model.Ipv4;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Origin;
import org.miniascape.model.Reservation;

class DhcpHostElementTest {

    private static final DhcpHostElement WEB = new DhcpHostElement(Optional.of("52:54:00:aa:00:10"),
            Optional.of("web"), Optional.of("198.51.100.10"));

    private static DhcpHostElement readBack(String xml) {
        return DhcpHostElement.read(XmlElement.parse(xml));
    }

    private static String written(DhcpHostElement host) {
        XmlWriter w = new XmlWriter();
        host.write(w);
        return w.finish();
    }

    @Test
    void writtenAsTheDefinitionHasItAndReadBack() {
        String xml = written(WEB);
        assertThat(xml).isEqualTo("<host mac=\"52:54:00:aa:00:10\" ip=\"198.51.100.10\" name=\"web\"/>\n");
        assertThat(readBack(xml)).isEqualTo(WEB);
    }

    @Test
    void updateFragmentInLibvirtsOrderReadsBackTheSame() {
        assertThat(WEB.toXml()).isEqualTo("<host mac=\"52:54:00:aa:00:10\" name=\"web\" ip=\"198.51.100.10\"/>");
        assertThat(readBack(WEB.toXml())).isEqualTo(WEB);
    }

    @Test
    void readsLibvirtsOwnFormWithItsExtraAttributes() {
        DhcpHostElement host = readBack("<host id='01:52:54:00:aa:00:10' mac='52:54:00:AA:00:10' name='web'"
                + " ip='198.51.100.10'><lease expiry='1' unit='hours'/></host>");
        assertThat(host).isEqualTo(WEB);
    }

    @Test
    void missingAttributesStayMissing() {
        DhcpHostElement host = readBack("<host ip='198.51.100.20'/>");
        assertThat(host).isEqualTo(new DhcpHostElement(Optional.empty(), Optional.empty(),
                Optional.of("198.51.100.20")));
        assertThat(host.toXml()).isEqualTo("<host ip=\"198.51.100.20\"/>");
        assertThat(readBack(host.toXml())).isEqualTo(host);
        assertThat(host).hasToString("- 198.51.100.20 -");
    }

    @Test
    void fromAReservation() {
        MacAddress mac = MacAddress.parse("52:54:00:aa:00:10");
        Ipv4 ip = Ipv4.parse("198.51.100.10");
        assertThat(DhcpHostElement.of(new Reservation("web", mac, ip, true, Origin.NONE))).isEqualTo(WEB);
        Reservation hidden = new Reservation("db", mac, ip, false, Origin.NONE,
                Optional.empty());
        assertThat(written(DhcpHostElement.of(hidden)))
                .isEqualTo("<host mac=\"52:54:00:aa:00:10\" ip=\"198.51.100.10\"/>\n");
        Reservation dotted = new Reservation("app", mac, ip, true, Origin.NONE,
                Optional.of("app.lab.test"));
        assertThat(DhcpHostElement.of(dotted).name()).contains("app");
    }

    @Test
    void valuesAreEscapedOnWriteAndUnescapedOnRead() {
        DhcpHostElement odd = new DhcpHostElement(Optional.empty(), Optional.of("a&b\"c<d"), Optional.empty());
        assertThat(odd.toXml()).doesNotContain("a&b");
        assertThat(readBack(odd.toXml())).isEqualTo(odd);
        assertThat(readBack(written(odd))).isEqualTo(odd);
    }

    @Test
    void xpathMatchesEveryAttributeAndAMissingNameAsMissing() {
        assertThat(WEB.xpath()).isEqualTo("/network/ip/dhcp/host[@mac='52:54:00:aa:00:10' and @ip='198.51.100.10'"
                + " and @name='web']");
        DhcpHostElement nameless = new DhcpHostElement(WEB.mac(), Optional.empty(), WEB.ip());
        assertThat(nameless.xpath()).isEqualTo("/network/ip/dhcp/host[@mac='52:54:00:aa:00:10'"
                + " and @ip='198.51.100.10' and not(@name)]");
        DhcpHostElement quoted = new DhcpHostElement(Optional.empty(), Optional.of("o'neil"), Optional.empty());
        assertThat(quoted.xpath()).isEqualTo("/network/ip/dhcp/host[not(@mac) and not(@ip) and @name=\"o'neil\"]");
    }
}
