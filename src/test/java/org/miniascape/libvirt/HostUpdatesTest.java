package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The update sequences, checked by replaying them on libvirt's test driver in HostUpdatesReplayTest too. */
class HostUpdatesTest {

    static String net(String dhcpHosts, String dnsHosts) {
        return "<network><name>n</name><bridge name='b0'/><dns>" + dnsHosts + "</dns>"
                + "<ip address='198.51.100.1' netmask='255.255.255.0'><dhcp>" + dhcpHosts + "</dhcp></ip></network>";
    }

    static List<String> plan(String live, String desired) {
        return HostUpdates.plan(NetworkDefinition.parse(live), NetworkDefinition.parse(desired)).stream()
                .map(u -> u.command() + " " + u.section() + " " + u.xml().replaceAll("\n\\s*", "")).toList();
    }

    @Test
    void nothingForTheSameHosts() {
        String n = net("<host mac='52:54:00:00:00:01' name='a' ip='198.51.100.10'/>",
                "<host ip='198.51.100.10'><hostname>a</hostname></host>");
        assertThat(plan(n, n)).isEmpty();
    }

    @Test
    void addRemoveAndModifyInPlace() {
        String live = net("<host mac='52:54:00:00:00:01' name='a' ip='198.51.100.10'/>"
                + "<host mac='52:54:00:00:00:02' name='b' ip='198.51.100.11'/>", "");
        String desired = net("<host mac='52:54:00:00:00:01' name='a' ip='198.51.100.20'/>"
                + "<host mac='52:54:00:00:00:03' name='c' ip='198.51.100.12'/>", "");
        assertThat(plan(live, desired)).containsExactly(
                "DELETE IP_DHCP_HOST <host mac=\"52:54:00:00:00:02\" name=\"b\" ip=\"198.51.100.11\"/>",
                "MODIFY IP_DHCP_HOST <host mac=\"52:54:00:00:00:01\" name=\"a\" ip=\"198.51.100.20\"/>",
                "ADD_LAST IP_DHCP_HOST <host mac=\"52:54:00:00:00:03\" name=\"c\" ip=\"198.51.100.12\"/>");
    }

    @Test
    void swappedAddressesAreDeletedAndAddedBack() {
        String live = net("<host mac='52:54:00:00:00:01' name='a' ip='198.51.100.10'/>"
                + "<host mac='52:54:00:00:00:02' name='b' ip='198.51.100.11'/>", "");
        String desired = net("<host mac='52:54:00:00:00:01' name='a' ip='198.51.100.11'/>"
                + "<host mac='52:54:00:00:00:02' name='b' ip='198.51.100.10'/>", "");
        assertThat(plan(live, desired)).containsExactly(
                "DELETE IP_DHCP_HOST <host mac=\"52:54:00:00:00:01\" name=\"a\" ip=\"198.51.100.10\"/>",
                "MODIFY IP_DHCP_HOST <host mac=\"52:54:00:00:00:02\" name=\"b\" ip=\"198.51.100.10\"/>",
                "ADD_LAST IP_DHCP_HOST <host mac=\"52:54:00:00:00:01\" name=\"a\" ip=\"198.51.100.11\"/>");
    }

    @Test
    void aNewMacForAnAddressReplacesTheOldEntry() {
        String live = net("<host mac='52:54:00:00:00:01' name='a' ip='198.51.100.10'/>", "");
        String desired = net("<host mac='52:54:00:00:00:09' name='a' ip='198.51.100.10'/>", "");
        assertThat(plan(live, desired)).containsExactly(
                "DELETE IP_DHCP_HOST <host mac=\"52:54:00:00:00:01\" name=\"a\" ip=\"198.51.100.10\"/>",
                "ADD_LAST IP_DHCP_HOST <host mac=\"52:54:00:00:00:09\" name=\"a\" ip=\"198.51.100.10\"/>");
    }

    @Test
    void dnsHostsAreDeletedByAddressAndAdded() {
        String live = net("", "<host ip='198.51.100.5'><hostname>db</hostname></host>"
                + "<host ip='198.51.100.6'><hostname>old</hostname></host>");
        String desired = net("", "<host ip='198.51.100.5'><hostname>db</hostname><hostname>sql</hostname></host>");
        assertThat(plan(live, desired)).containsExactly(
                "DELETE DNS_HOST <host ip=\"198.51.100.5\"/>",
                "DELETE DNS_HOST <host ip=\"198.51.100.6\"/>",
                "ADD_LAST DNS_HOST <host ip=\"198.51.100.5\"><hostname>db</hostname><hostname>sql</hostname></host>");
    }
}
