package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.xml.DhcpHostElement;
import org.miniascape.xml.DnsHostElement;

/** A network's XML read for comparison, from the generated form and from the form libvirt prints. */
class NetworkDefinitionTest {

    private static final String GENERATED = """
            <network>
              <name>lab</name>
              <forward mode="nat"/>
              <bridge name="virbr151" stp="on" delay="0"/>
              <dns>
                <host ip="198.51.100.10">
                  <hostname>web</hostname>
                </host>
              </dns>
              <ip address="198.51.100.1" netmask="255.255.255.0">
                <dhcp>
                  <host mac="52:54:00:aa:00:10" ip="198.51.100.10" name="web"/>
                </dhcp>
              </ip>
            </network>
            """;

    /** The same network as {@code virsh net-dumpxml} prints it once running, with an IPv6 address added. */
    private static final String DUMPED = """
            <network connections='2'>
              <name>lab</name>
              <uuid>6a3f6c55-8f0e-4c55-9d1a-3f7f1b2c4d5e</uuid>
              <forward mode='nat'>
                <nat>
                  <port start='1024' end='65535'/>
                </nat>
              </forward>
              <bridge name='virbr151' stp='on' delay='0'/>
              <mac address='52:54:00:3d:2e:1f'/>
              <dns>
                <host ip='198.51.100.10'>
                  <hostname>web</hostname>
                </host>
              </dns>
              <ip family='ipv6' address='2001:db8::1' prefix='64'>
                <dhcp>
                  <host id='0:1:0:1:2c:3d' name='web6' ip='2001:db8::10'/>
                </dhcp>
              </ip>
              <ip family='ipv4' address='198.51.100.1' prefix='24'>
                <dhcp>
                  <host mac='52:54:00:AA:00:10' name='web' ip='198.51.100.10'/>
                </dhcp>
              </ip>
            </network>
            """;

    @Test
    void libvirtsFormReadsToTheValuesOfTheGeneratedOne() {
        NetworkDefinition generated = NetworkDefinition.parse(GENERATED);
        NetworkDefinition dumped = NetworkDefinition.parse(DUMPED);
        for (NetworkDefinition d : List.of(generated, dumped)) {
            assertThat(d.name()).isEqualTo("lab");
            assertThat(d.bridge()).isEqualTo("virbr151");
            assertThat(d.cidr()).contains(Ipv4Cidr.parse("198.51.100.0/24"));
            assertThat(d.dhcpHosts()).as("IPv4 hosts only").containsExactly(new DhcpHostElement(
                    Optional.of("52:54:00:aa:00:10"), Optional.of("web"), Optional.of("198.51.100.10")));
            assertThat(d.dnsHosts()).containsExactly(new DnsHostElement("198.51.100.10", List.of("web")));
        }
    }

    @Test
    void coreLinesLeaveOutWhatLibvirtFillsInAndTheHosts() {
        assertThat(NetworkDefinition.parse(GENERATED).core()).containsExactly(
                "<network>",
                "  <name>lab</name>",
                "  <forward mode='nat'/>",
                "  <bridge name='virbr151'/>",
                "  <ip address='198.51.100.1' netmask='255.255.255.0'/>");
        assertThat(NetworkDefinition.parse(DUMPED).core()).as("prefix and family are not modelled away")
                .containsExactly(
                        "<network>",
                        "  <name>lab</name>",
                        "  <forward mode='nat'/>",
                        "  <bridge name='virbr151'/>",
                        "  <ip address='2001:db8::1' family='ipv6' prefix='64'/>",
                        "  <ip address='198.51.100.1' family='ipv4' prefix='24'/>");
    }

    @Test
    void aNetworkWithoutBridgeOrIpv4HasNeither() {
        NetworkDefinition d = NetworkDefinition.parse("<network><name>direct</name><forward mode='passthrough'>"
                + "<interface dev='eth1'/></forward></network>");
        assertThat(d.bridge()).isEmpty();
        assertThat(d.cidr()).isEmpty();
        assertThat(d.dhcpHosts()).isEmpty();
        assertThat(d.dnsHosts()).isEmpty();
        assertThat(d.core()).contains("  <forward mode='passthrough'>", "    <interface dev='eth1'/>");
    }

    @Test
    void theUuidIsReadFromTheNetwork() {
        assertThat(NetworkDefinition.parse(DUMPED).uuid()).contains("6a3f6c55-8f0e-4c55-9d1a-3f7f1b2c4d5e");
        assertThat(NetworkDefinition.parse(GENERATED).uuid()).isEmpty();
    }

    @Test
    void aDocumentThatIsNoNetworkIsRefused() {
        assertThatThrownBy(() -> NetworkDefinition.parse("<domain type='kvm'><name>x</name></domain>"))
                .isInstanceOf(MiniascapeException.class)
                .hasMessage("not a libvirt network definition: root element <domain>");
    }
}
