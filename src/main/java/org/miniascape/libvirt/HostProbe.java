package org.miniascape.libvirt;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;

/**
 * What preflight needs to know about the machine libvirt runs on, beyond libvirt itself: interfaces, their
 * IPv4 addresses, and who listens on which port. Read in the namespace miniascape runs in, which is the
 * libvirt host's for a local URI.
 */
public interface HostProbe {

    /** An IPv4 address on a host interface, with its subnet. */
    record Address(String iface, Ipv4 address, Ipv4Cidr subnet) {
        /** True when {@code ip} is another address on this interface's subnet: this host reaches it there. */
        boolean reaches(Ipv4 ip) {
            return subnet.contains(ip) && !address.equals(ip);
        }
    }

    /**
     * A listening socket: protocol (tcp/udp), local address (0.0.0.0 / :: / * for any), port, and the device it
     * is bound to (SO_BINDTODEVICE, "0.0.0.0%virbr0" in ss; empty for none): such a socket only sees that device's
     * traffic, as every libvirt network's dnsmasq has its DHCP socket.
     */
    record Listener(String protocol, String address, int port, String device, String process) {
        /**
         * Bound to every IPv4 address: 0.0.0.0, or * (ss's word for an IPv6 wildcard that takes IPv4 too). ss
         * writes [::] only for an IPV6_V6ONLY socket, which takes no IPv4 address.
         */
        boolean anyAddress() {
            return address.equals("0.0.0.0") || address.equals("*");
        }
    }

    Set<String> interfaces();

    List<Address> addresses();

    List<Listener> listeners();

    /** False for a probe that cannot see the libvirt host (a remote URI): its checks are skipped. */
    boolean available();

    /**
     * True when the probe sees the machine miniascape runs on (what is reachable from here, for readiness), false
     * for one that sees a host through its shell.
     */
    default boolean here() {
        return available();
    }

    /** The probe for a connection URI: this machine for a local URI, none for a remote one. */
    static HostProbe forUri(String uri) {
        String host;
        try {
            host = URI.create(uri).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        boolean local = host == null || host.isEmpty() || host.equals("localhost");
        return local ? new LocalHostProbe() : NONE;
    }

    HostProbe NONE = new HostProbe() {
        @Override
        public Set<String> interfaces() {
            return Set.of();
        }

        @Override
        public List<Address> addresses() {
            return List.of();
        }

        @Override
        public List<Listener> listeners() {
            return List.of();
        }

        @Override
        public boolean available() {
            return false;
        }
    };
}
