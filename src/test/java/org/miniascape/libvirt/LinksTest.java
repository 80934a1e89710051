package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/**
 * The VXLAN link actions of one host, planned from what its shell reports (iproute2's JSON, as ip 6.1 prints
 * it), and the commands they run. The shell here is a fake: nothing is run.
 */
class LinksTest {
    static final Links.Link LAN = new Links.Link("lan", "mia-vx42", 42, "192.0.2.2", "mia-lan0", 1450,
            List.of("192.0.2.1", "192.0.2.3"));

    /** Answers each command (after the prefix) from a table; records what it is given. */
    static final class FakeExecutor extends Executor {
        final Map<String, ExecResult> answers = new LinkedHashMap<>();
        final List<String> ran = new ArrayList<>();

        @Override
        public ExecResult run(Command command) {
            String line = String.join(" ", command.argv());
            ran.add(line);
            return answers.getOrDefault(line.replaceFirst("^ip netns exec kvm2 ", ""), new ExecResult(0, "", ""));
        }
    }

    final FakeExecutor exec = new FakeExecutor();

    {
        exec.answers.put("ip -j -4 addr show", new ExecResult(0, "[{\"ifindex\":1,\"ifname\":\"lo\",\"addr_info\":"
                + "[{\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8}]},{\"ifindex\":2,\"ifname\":"
                + "\"ul1\",\"addr_info\":[{\"family\":\"inet\",\"local\":\"192.0.2.2\",\"prefixlen\":24}]}]\n", ""));
    }
    final Links links = new Links(new HostShell("kvm2", List.of("ip", "netns", "exec", "kvm2"), exec), List.of(LAN));

    static String link(String kind, int vni, String local, int port, String master, int mtu, boolean up) {
        return "[{\"ifindex\":7,\"ifname\":\"mia-vx42\",\"flags\":[\"BROADCAST\",\"MULTICAST\"" + (up ? ",\"UP\",\"LOWER_UP\"" : "")
                + "],\"mtu\":" + mtu + ",\"qdisc\":\"noqueue\"" + (master.isEmpty() ? "" : ",\"master\":\"" + master + "\"")
                + ",\"operstate\":\"UNKNOWN\",\"linkmode\":\"DEFAULT\",\"group\":\"default\",\"txqlen\":1000,"
                + "\"link_type\":\"ether\",\"address\":\"6a:1f:3c:00:00:01\",\"linkinfo\":{\"info_kind\":\"" + kind
                + "\",\"info_data\":{\"id\":" + vni + ",\"local\":\"" + local + "\",\"ttl\":0,\"ageing\":300,"
                + "\"udp_csum\":false,\"udp_zero_csum6_tx\":false,\"udp_zero_csum6_rx\":false,\"port\":" + port
                + ",\"learning\":false},\"info_slave_kind\":\"bridge\"}}]\n";
    }

    static String fdb(String... peers) {
        StringBuilder sb = new StringBuilder("[{\"mac\":\"6a:1f:3c:00:00:01\",\"ifname\":\"mia-vx42\",\"vlan\":1,"
                + "\"master\":\"mia-lan0\",\"state\":\"permanent\"}");
        for (String p : peers) {
            sb.append(",{\"mac\":\"00:00:00:00:00:00\",\"ifname\":\"mia-vx42\",\"dst\":\"").append(p)
                    .append("\",\"flags\":[],\"state\":\"permanent\"}");
        }
        return sb.append("]\n").toString();
    }

    void device(String linkJson, String fdbJson) {
        exec.answers.put("ip -d -j link show dev mia-vx42", new ExecResult(0, linkJson, ""));
        exec.answers.put("bridge -j fdb show dev mia-vx42", new ExecResult(0, fdbJson, ""));
    }

    void absent() {
        exec.answers.put("ip -d -j link show dev mia-vx42", new ExecResult(1, "",
                "Device \"mia-vx42\" does not exist.\n"));
    }

    static List<String> steps(Action a) {
        return a.steps().stream().map(Step::text).toList();
    }

    Action up() {
        List<Action> out = links.up(Set.of("lan"), Set.of());
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    @Test
    void anAbsentDeviceIsCreatedJoinedToTheBridgeAndFloodingToEveryPeer() {
        absent();
        Action a = up();
        assertThat(a.id()).isEqualTo("link/lan");
        assertThat(a.type()).isEqualTo(Action.Type.CREATE);
        assertThat(a.dependsOn()).containsExactly("network/lan");
        assertThat(a.reason()).isEqualTo("VXLAN mia-vx42 (VNI 42) from 192.0.2.2 in mia-lan0, peers 192.0.2.1, 192.0.2.3");
        assertThat(steps(a)).containsExactly(
                "ip link add mia-vx42 type vxlan id 42 local 192.0.2.2 dstport 4789 nolearning",
                "ip link set dev mia-vx42 mtu 1450 master mia-lan0 up",
                "bridge fdb append 00:00:00:00:00:00 dev mia-vx42 dst 192.0.2.1",
                "bridge fdb append 00:00:00:00:00:00 dev mia-vx42 dst 192.0.2.3");
        // Planning only read, through the host's shell.
        assertThat(exec.ran).containsExactly("ip netns exec kvm2 ip -d -j link show dev mia-vx42",
                "ip netns exec kvm2 ip -j -4 addr show");
        exec.ran.clear();
        new PlanExecutor(Map.of(), 1, PlanExecutor.Listener.NONE).execute(new Plan("", "s", List.of(a)));
        assertThat(exec.ran).containsExactly(
                "ip netns exec kvm2 ip link add mia-vx42 type vxlan id 42 local 192.0.2.2 dstport 4789 nolearning",
                "ip netns exec kvm2 ip link set dev mia-vx42 mtu 1450 master mia-lan0 up",
                "ip netns exec kvm2 bridge fdb append 00:00:00:00:00:00 dev mia-vx42 dst 192.0.2.1",
                "ip netns exec kvm2 bridge fdb append 00:00:00:00:00:00 dev mia-vx42 dst 192.0.2.3");
    }

    @Test
    void anUnderlayAddressThatIsNotTheHostsIsRefused() {
        exec.answers.put("ip -j -4 addr show", new ExecResult(0, "[{\"ifindex\":1,\"ifname\":\"lo\",\"addr_info\":"
                + "[{\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8}]}]\n", ""));
        absent();
        Action a = up();
        assertThat(a.type()).isEqualTo(Action.Type.REFUSE);
        assertThat(a.reason()).isEqualTo("preflight: the underlay address 192.0.2.2 is not an address of host kvm2"
                + " (ip -4 addr shows none such): give its hosts[].underlay the host's address on the network between"
                + " the hosts");
    }

    @Test
    void aDeviceAsTheSiteSaysIsNone() {
        device(link("vxlan", 42, "192.0.2.2", 4789, "mia-lan0", 1450, true), fdb("192.0.2.3", "192.0.2.1"));
        Action a = up();
        assertThat(a.type()).isEqualTo(Action.Type.NONE);
        assertThat(a.steps()).isEmpty();
    }

    @Test
    void aDeviceWhoseBridgeIsMadeAgainIsPutIntoItAgain() {
        device(link("vxlan", 42, "192.0.2.2", 4789, "mia-lan0", 1450, true), fdb("192.0.2.1", "192.0.2.3"));
        Action a = links.up(Set.of("lan"), Set.of("lan")).get(0);
        assertThat(a.type()).isEqualTo(Action.Type.UPDATE_LIVE);
        assertThat(steps(a)).containsExactly("ip link set dev mia-vx42 mtu 1450 master mia-lan0 up");
    }

    @Test
    void bridgeMtuStateAndPeersAreSetLive() {
        device(link("vxlan", 42, "192.0.2.2", 4789, "", 1500, false), fdb("192.0.2.1", "192.0.2.9"));
        Action a = up();
        assertThat(a.type()).isEqualTo(Action.Type.UPDATE_LIVE);
        assertThat(a.diff()).containsExactly("- master (none)", "+ master mia-lan0", "- mtu 1500", "+ mtu 1450", "+ up",
                "+ peer 192.0.2.3", "- peer 192.0.2.9");
        assertThat(steps(a)).containsExactly("ip link set dev mia-vx42 mtu 1450 master mia-lan0 up",
                "bridge fdb append 00:00:00:00:00:00 dev mia-vx42 dst 192.0.2.3",
                "bridge fdb del 00:00:00:00:00:00 dev mia-vx42 dst 192.0.2.9");
    }

    @Test
    void anotherLocalAddressOrPortIsAReplace() {
        device(link("vxlan", 42, "192.0.2.7", 8472, "mia-lan0", 1450, true), fdb("192.0.2.1", "192.0.2.3"));
        Action a = up();
        assertThat(a.type()).isEqualTo(Action.Type.REPLACE);
        assertThat(a.diff()).containsExactly("- local 192.0.2.7", "+ local 192.0.2.2", "- dstport 8472",
                "+ dstport 4789");
        assertThat(steps(a)).startsWith("ip link del dev mia-vx42",
                "ip link add mia-vx42 type vxlan id 42 local 192.0.2.2 dstport 4789 nolearning");
    }

    @Test
    void aDeviceOfThatNameThatIsNotTheVniIsRefusedAndLeftAloneByDown() {
        device(link("vxlan", 43, "192.0.2.2", 4789, "mia-lan0", 1450, true), fdb());
        Action a = up();
        assertThat(a.type()).isEqualTo(Action.Type.REFUSE);
        assertThat(a.reason()).isEqualTo("device mia-vx42 exists and is not the VXLAN device of VNI 42 (it is vxlan VNI"
                + " 43); remove it (ip link del dev mia-vx42) or give the network another vni");
        device(link("dummy", 0, "", 0, "", 1500, true), fdb());
        assertThat(up().reason()).contains("(it is dummy)");
        Action down = links.down(Set.of("lan")).get(0);
        assertThat(down.type()).isEqualTo(Action.Type.NONE);
        assertThat(down.reason()).isEqualTo("left alone: device mia-vx42 is not the VXLAN device of VNI 42");
    }

    @Test
    void downDeletesTheSitesDeviceAndIsNoneWhenItIsNotThere() {
        device(link("vxlan", 42, "192.0.2.7", 4789, "", 1500, false), fdb());
        Action a = links.down(Set.of("lan")).get(0);
        assertThat(a.type()).isEqualTo(Action.Type.DELETE);
        assertThat(steps(a)).containsExactly("ip link del dev mia-vx42");
        absent();
        assertThat(links.down(Set.of("lan")).get(0).type()).isEqualTo(Action.Type.NONE);
        assertThat(links.down(Set.of("other"))).isEmpty();
    }

    @Test
    void aShellThatFailsMakesAnActionThatFailsWhenThePlanRuns() {
        exec.answers.put("ip -d -j link show dev mia-vx42", new ExecResult(255, "", "ssh: connect to host kvm2 port"
                + " 22: Connection refused\n"));
        Action a = up();
        assertThat(a.reason()).isEqualTo("its state could not be read: on host kvm2: ip -d -j link show dev mia-vx42"
                + " exited with 255: ssh: connect to host kvm2 port 22: Connection refused");
        PlanExecutor.Result r = new PlanExecutor(Map.of(), 1, PlanExecutor.Listener.NONE)
                .execute(new Plan("", "s", List.of(a)));
        assertThat(r.outcomes().get(0).status()).isEqualTo(PlanExecutor.Status.FAILED);
        assertThat(r.outcomes().get(0).error()).startsWith("read mia-vx42: on host kvm2: ");
    }
}
