package org.miniascape.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.Network;
import org.miniascape.render.NetScenarios;
import org.miniascape.testing.Golden;

/**
 * Network XML read back as typed elements: every generated golden file reads and writes back to the same bytes
 * (the header comment is not kept by the reader and is written again by {@link NetworkXml#write}), and the forms
 * {@code virsh net-dumpxml} prints read to the values they hold.
 */
class NetworkXmlReadTest {

    private static final String HEADER_LINE = "<!-- " + NetworkXml.HEADER + " -->\n";

    /** The libvirt form of a NAT network with everything miniascape models, and some of what it does not. */
    private static final String DUMPED = """
            <network connections='2'>
              <name>lab</name>
              <uuid>6a3f6c55-8f0e-4c55-9d1a-3f7f1b2c4d5e</uuid>
              <metadata>
                <miniascape:owner xmlns:miniascape='https://miniascape.org/xmlns/owner/1' site='demo' \
            instance='i-1' digest='sha256:abc'/>
              </metadata>
              <forward mode='nat'>
                <nat>
                  <port start='1024' end='65535'/>
                </nat>
              </forward>
              <bridge name='virbr151' stp='on' delay='0'/>
              <mtu size='9000'/>
              <mac address='52:54:00:3d:2e:1f'/>
              <domain name='lab.test' localOnly='yes'/>
              <dns>
                <forwarder addr='192.0.2.53'/>
                <forwarder domain='example.com' addr='192.0.2.54'/>
                <host ip='198.51.100.10'>
                  <hostname>web</hostname>
                  <hostname>www</hostname>
                </host>
              </dns>
              <ip family='ipv4' address='198.51.100.1' prefix='24'>
                <tftp root='/srv/tftp'/>
                <dhcp>
                  <range start='198.51.100.200' end='198.51.100.250'>
                    <lease expiry='1' unit='hours'/>
                  </range>
                  <host mac='52:54:00:AA:00:10' name='web' ip='198.51.100.10'/>
                </dhcp>
              </ip>
              <ip family='ipv6' address='2001:db8::1' prefix='64'/>
            </network>
            """;

    static Stream<Path> goldenNetworks() throws IOException {
        try (Stream<Path> files = Files.walk(Golden.RESOURCES)) {
            return files.filter(f -> f.toString().endsWith(".xml") && f.toString().contains("/expected/"))
                    .filter(NetworkXmlReadTest::isNetwork).sorted().toList().stream();
        }
    }

    private static boolean isNetwork(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).contains("<network");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyGoldenNetworkFileIsFound() throws IOException {
        assertThat(goldenNetworks()).hasSizeGreaterThanOrEqualTo(20)
                .anyMatch(f -> f.endsWith(Path.of("default-site", "expected", "networks", "net-1.xml")))
                .anyMatch(f -> f.endsWith(Path.of("multi-host", "expected", "hosts", "kvm2", "networks", "lan.xml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenNetworks")
    void goldenFileReadsAndWritesBackToTheSameBytes(Path file) throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(xml).startsWith(HEADER_LINE);
        NetworkElement network = NetworkXml.read(xml);
        assertThat(network.toXml()).isEqualTo(xml.substring(HEADER_LINE.length()));
        assertThat(NetworkXml.write(network)).isEqualTo(xml);
    }

    static Stream<Network> networks() {
        return NetScenarios.NAMES.stream().flatMap(s -> NetScenarios.site(s).networks().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void renderedWithUuidAndMarkReadsBackToTheSameRecord(Network network) {
        OwnerMark mark = new OwnerMark("demo", "i-1", "sha256:abc", List.of());
        String xml = NetworkXml.render(network, Optional.of("6a3f6c55-8f0e-4c55-9d1a-3f7f1b2c4d5e"),
                Optional.of(mark));
        NetworkElement read = NetworkXml.read(xml);
        assertThat(read).isEqualTo(NetworkElement.of(network, read.uuid(), Optional.of(mark)));
        assertThat(read.mark()).contains(mark);
        assertThat(NetworkXml.write(read)).isEqualTo(xml);
        String joined = NetworkXml.renderJoined(network);
        assertThat(NetworkXml.write(NetworkXml.read(joined))).isEqualTo(joined);
    }

    @Test
    void libvirtsOwnFormReadsToItsValues() {
        NetworkElement n = NetworkXml.read(DUMPED);
        assertThat(n.name()).isEqualTo("lab");
        assertThat(n.uuid()).contains("6a3f6c55-8f0e-4c55-9d1a-3f7f1b2c4d5e");
        assertThat(n.mark()).contains(new OwnerMark("demo", "i-1", "sha256:abc", List.of()));
        assertThat(n.forward()).contains(new ForwardElement(Optional.of("nat"), Optional.empty(),
                Optional.of(new ForwardElement.NatPorts("1024", "65535"))));
        assertThat(n.bridge()).contains(new BridgeElement(Optional.of("virbr151"), Optional.of("on"),
                Optional.of("0")));
        assertThat(n.mtu()).contains(new MtuElement("9000"));
        assertThat(n.mac()).contains("52:54:00:3d:2e:1f");
        assertThat(n.domain()).contains(new DomainElement("lab.test", Optional.of("yes")));
        DnsElement dns = n.dns().orElseThrow();
        assertThat(dns.enabled()).isTrue();
        assertThat(dns.forwarders()).containsExactly(
                new DnsElement.Forwarder(Optional.empty(), Optional.of("192.0.2.53")),
                new DnsElement.Forwarder(Optional.of("example.com"), Optional.of("192.0.2.54")));
        assertThat(dns.hosts()).containsExactly(new DnsHostElement("198.51.100.10", List.of("web", "www")));
        assertThat(n.ips()).hasSize(2);
        IpElement v4 = n.ips().get(0);
        assertThat(v4.ipv4()).isTrue();
        assertThat(v4.prefix()).contains("24");
        assertThat(v4.netmask()).isEmpty();
        assertThat(v4.cidr()).contains(Ipv4Cidr.parse("198.51.100.0/24"));
        DhcpElement dhcp = v4.dhcp().orElseThrow();
        assertThat(dhcp.ranges()).containsExactly(new RangeElement("198.51.100.200", "198.51.100.250",
                Optional.of(new RangeElement.Lease("1", Optional.of("hours")))));
        assertThat(dhcp.hosts()).containsExactly(new DhcpHostElement(Optional.of("52:54:00:aa:00:10"),
                Optional.of("web"), Optional.of("198.51.100.10")));
        IpElement v6 = n.ips().get(1);
        assertThat(v6.ipv4()).isFalse();
        assertThat(v6.family()).contains("ipv6");
        assertThat(v6.dhcp()).isEmpty();
        assertThat(n.ipv4()).contains(v4);
    }

    @Test
    void libvirtsOwnFormIsWrittenBackInTheFixedOrderWithWhatIsModelled() {
        assertThat(NetworkXml.read(DUMPED).toXml()).isEqualTo("""
                <network>
                  <name>lab</name>
                  <uuid>6a3f6c55-8f0e-4c55-9d1a-3f7f1b2c4d5e</uuid>
                  <metadata>
                    <miniascape:owner xmlns:miniascape="https://miniascape.org/xmlns/owner/1" site="demo" \
                instance="i-1" digest="sha256:abc"/>
                  </metadata>
                  <forward mode="nat">
                    <nat>
                      <port start="1024" end="65535"/>
                    </nat>
                  </forward>
                  <bridge name="virbr151" stp="on" delay="0"/>
                  <mtu size="9000"/>
                  <mac address="52:54:00:3d:2e:1f"/>
                  <domain name="lab.test" localOnly="yes"/>
                  <dns>
                    <forwarder addr="192.0.2.53"/>
                    <forwarder domain="example.com" addr="192.0.2.54"/>
                    <host ip="198.51.100.10">
                      <hostname>web</hostname>
                      <hostname>www</hostname>
                    </host>
                  </dns>
                  <ip family="ipv4" address="198.51.100.1" prefix="24">
                    <dhcp>
                      <range start="198.51.100.200" end="198.51.100.250">
                        <lease expiry="1" unit="hours"/>
                      </range>
                      <host mac="52:54:00:aa:00:10" ip="198.51.100.10" name="web"/>
                    </dhcp>
                  </ip>
                  <ip family="ipv6" address="2001:db8::1" prefix="64"/>
                </network>
                """);
    }

    @Test
    void missingOptionalPartsStayMissing() {
        NetworkElement n = NetworkXml.read("<network><name>bare</name><forward/><bridge/>"
                + "<ip address='10.1.2.3'/></network>");
        assertThat(n.uuid()).isEmpty();
        assertThat(n.mark()).isEmpty();
        assertThat(n.forward()).contains(new ForwardElement(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(n.bridge()).contains(new BridgeElement(Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(n.mtu()).isEmpty();
        assertThat(n.mac()).isEmpty();
        assertThat(n.domain()).isEmpty();
        assertThat(n.dns()).isEmpty();
        IpElement ip = n.ips().get(0);
        assertThat(ip.family()).isEmpty();
        assertThat(ip.ipv4()).isTrue();
        assertThat(ip.cidr()).as("libvirt's default prefix").contains(Ipv4Cidr.parse("10.1.2.0/24"));
        assertThat(ip.dhcp()).isEmpty();
        assertThat(n.toXml()).isEqualTo("""
                <network>
                  <name>bare</name>
                  <forward/>
                  <bridge/>
                  <ip address="10.1.2.3"/>
                </network>
                """);
    }

    @Test
    void bridgeModeNetworkHasABridgeWithoutStpOrDelay() {
        NetworkElement n = NetworkXml.read("<network><name>uplink</name><uuid>u</uuid><forward mode='bridge'/>"
                + "<bridge name='br-uplink'/></network>");
        assertThat(n.forward().flatMap(ForwardElement::mode)).contains("bridge");
        assertThat(n.forward().flatMap(ForwardElement::natPorts)).isEmpty();
        assertThat(n.bridge()).contains(new BridgeElement(Optional.of("br-uplink"), Optional.empty(),
                Optional.empty()));
        assertThat(n.ips()).isEmpty();
        assertThat(n.ipv4()).isEmpty();
    }

    @Test
    void netmaskGivesTheSubnetAndDisabledDnsReadsAsOff() {
        NetworkElement n = NetworkXml.read("<network><name>dmz</name><dns enable='no'/>"
                + "<ip address='198.51.100.77' netmask='255.255.255.128'/></network>");
        assertThat(n.dns().orElseThrow().enabled()).isFalse();
        assertThat(n.dns().orElseThrow().enable()).contains("no");
        assertThat(n.ips().get(0).cidr()).contains(Ipv4Cidr.parse("198.51.100.0/25"));
        assertThat(n.toXml()).contains("<dns enable=\"no\"/>");
    }

    @Test
    void anAddressThatIsNoIpv4AddressHasNoSubnet() {
        NetworkElement n = NetworkXml.read("<network><name>x</name><ip address='gateway' prefix='24'/>"
                + "<ip address='192.0.2.1' prefix='wide'/><ip address='192.0.2.129' prefix='25'/></network>");
        assertThat(n.ips()).extracting(IpElement::cidr).containsExactly(Optional.empty(), Optional.empty(),
                Optional.of(Ipv4Cidr.parse("192.0.2.128/25")));
        assertThat(n.ipv4()).contains(n.ips().get(2));
    }

    @Test
    void aDocumentThatIsNoNetworkIsRefused() {
        assertThatThrownBy(() -> NetworkXml.read("<pool type='dir'><name>x</name></pool>"))
                .isInstanceOf(MiniascapeException.class)
                .hasMessage("not a libvirt network definition: root element <pool>");
    }
}
