package org.miniascape.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a network of a multi-host site lives. {@code home} is the host that runs it as a whole network (its
 * address, DHCP, DNS, NAT); {@code hosts} every host it is on (its home and each host with a guest on it), in
 * {@code hosts} order. {@code vni} is the VXLAN network identifier that joins its bridges (every network that is
 * not of mode bridge has one, given or derived); {@code nicMtu} the MTU written into each guest interface on it,
 * present when the network is stretched and its MTU is not 1500.
 *
 * <p>Before resolution ({@link org.miniascape.validate.TopologyResolver}) {@code home} is as declared (empty
 * string: not given), {@code hosts} empty and {@code vni} only a declared one.
 */
public record NetworkSpan(String network, String home, List<String> hosts, OptionalInt vni,
                          Optional<Integer> nicMtu) {

    /** The VXLAN overhead over an IPv4 underlay: outer IPv4 (20) + UDP (8) + VXLAN (8) + inner Ethernet (14). */
    public static final int VXLAN_OVERHEAD = 50;
    /** The UDP port IANA assigned to VXLAN (RFC 7348), and what every device here uses. */
    public static final int VXLAN_PORT = 4789;
    public static final int MAX_VNI = 16_777_215;

    public NetworkSpan {
        hosts = List.copyOf(hosts);
    }

    /** True when the network is on more than one host and joined by VXLAN. */
    public boolean stretched() {
        return hosts.size() > 1 && vni.isPresent();
    }

    /** The VXLAN device of a network with this VNI on every host: {@code mia-vx} + the VNI (at most 14 characters). */
    public static String device(int vni) {
        return "mia-vx" + vni;
    }

    public boolean isOn(String host) {
        return hosts.contains(host);
    }
}
