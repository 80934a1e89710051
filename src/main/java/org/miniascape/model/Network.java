package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/**
 * A resolved network of the site. {@code reservations} holds every DHCP reservation on it, the network's own
 * {@code hosts} and the guests' interfaces alike, in address order. For mode {@code bridge} the subnet may be
 * unknown (an existing host bridge), so {@code cidr} and {@code gateway} are optional there and present
 * otherwise.
 */
public record Network(
        String name,
        String description,
        NetworkMode mode,
        String bridge,
        String domain,
        Optional<Ipv4Cidr> cidr,
        Optional<Ipv4> gateway,
        Optional<Dhcp> dhcp,
        DhcpBackend dhcpBackend,
        Optional<String> forwardDevice,
        Optional<Integer> mtu,
        boolean autostart,
        List<Ipv4> dnsForwarders,
        List<DnsHost> dnsHosts,
        List<Reservation> reservations,
        Origin origin) {

    /** The gateway, which every network with an address has; fails loudly for an address-less bridge. */
    public Ipv4 requireGateway() {
        return gateway.orElseThrow(() -> new IllegalStateException("network " + name + " has no address"));
    }

    /** True when this host runs DHCP/DNS for the network (libvirt's or a standalone dnsmasq). */
    public boolean servesDhcp() {
        return mode != NetworkMode.BRIDGE && cidr.isPresent();
    }
}
