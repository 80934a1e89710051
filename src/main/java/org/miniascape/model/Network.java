package org.miniascape.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A network of the site, resolved (by {@link org.miniascape.validate.SiteResolver}, from a
 * {@link org.miniascape.model.declared.DeclaredNetwork}): {@code bridge} is final (the declared one, else a
 * generated name), and {@code reservations} holds every DHCP reservation on it, the network's own hosts and the
 * guests' interfaces alike, in address order. For mode {@code bridge} the subnet may be unknown (an existing host bridge), so {@code cidr} and
 * {@code gateway} are optional there and present otherwise.
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

    public Network {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(dhcp, "dhcp");
        Objects.requireNonNull(dhcpBackend, "dhcpBackend");
        Objects.requireNonNull(forwardDevice, "forwardDevice");
        Objects.requireNonNull(mtu, "mtu");
        Objects.requireNonNull(dnsForwarders, "dnsForwarders");
        Objects.requireNonNull(dnsHosts, "dnsHosts");
        Objects.requireNonNull(reservations, "reservations");
        Objects.requireNonNull(origin, "origin");
    }

    /** This network with the MTU its guests' interfaces get (lowered below a VXLAN link's). */
    public Network withMtu(int newMtu) {
        return new Network(name, description, mode, bridge, domain, cidr, gateway, dhcp,
                dhcpBackend, forwardDevice, Optional.of(newMtu), autostart, dnsForwarders, dnsHosts, reservations,
                origin);
    }

    /** This network with its DHCP and DNS served by {@code backend}. */
    public Network withDhcpBackend(DhcpBackend backend) {
        return new Network(name, description, mode, bridge, domain, cidr, gateway, dhcp,
                backend, forwardDevice, mtu, autostart, dnsForwarders, dnsHosts, reservations, origin);
    }

    /** The gateway, which every network with an address has; fails loudly for an address-less bridge. */
    public Ipv4 requireGateway() {
        return gateway.orElseThrow(() -> new IllegalStateException("network " + name + " has no address"));
    }

    /** True when this host runs DHCP/DNS for the network (libvirt's or a standalone dnsmasq). */
    public boolean servesDhcp() {
        return mode != NetworkMode.BRIDGE && cidr.isPresent();
    }
}
