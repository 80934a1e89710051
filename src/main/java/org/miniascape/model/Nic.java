package org.miniascape.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A guest's network interface, resolved (by {@link org.miniascape.validate.SiteResolver}, from a
 * {@link org.miniascape.model.declared.DeclaredNic}): {@code mac} is final (declared, else derived from the guest's
 * name), {@code ip} the final IPv4 address (declared, else allocated), empty only on a network that gives none (a
 * bridge to a subnet the site does not know). {@code bootproto} is how the guest configures the interface,
 * when the site says so; empty means the default (DHCP on a network this host serves DHCP for, static otherwise).
 * {@code dnsName} is the name the network's DNS gives the interface's address ({@code dns_name}; empty: the guest's
 * name), and {@code dns} false leaves the address out of the network's DNS ({@code dns: false}). {@code nameservers}
 * false: the guest takes no name servers from this interface ({@code nameservers: false}, 0.3's {@code nodns}:
 * kickstart's {@code network --nodns}).
 */
public record Nic(String network, MacAddress mac, Optional<Ipv4> ip, String model, Optional<BootProto> bootproto,
                  Origin origin, Optional<String> dnsName, boolean dns, boolean nameservers) {

    /** How a guest configures an interface: by DHCP (its reservation gives the address) or statically. */
    public enum BootProto {
        DHCP, STATIC
    }

    public Nic {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bootproto, "bootproto");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(dnsName, "dnsName");
    }

    /** An interface in DNS under the guest's name, taking name servers from its network. */
    public Nic(String network, MacAddress mac, Optional<Ipv4> ip, String model, Optional<BootProto> bootproto,
               Origin origin) {
        this(network, mac, ip, model, bootproto, origin, Optional.empty(), true, true);
    }

    /** The name of the interface's address in its network's DNS, given the guest's name; empty: not in DNS. */
    public Optional<String> dnsNameOf(String guest) {
        return dns ? Optional.of(dnsName.orElse(guest)) : Optional.empty();
    }
}
