package org.miniascape.model;

import java.util.Optional;

/**
 * A guest's network interface. Before resolution {@code mac} and {@code ip} are null where the config left them
 * out ({@code macDeclared}/{@code ipDeclared} say which); after {@link org.miniascape.validate.SiteResolver}
 * they are always set. {@code bootproto} is how the guest configures the interface, when the site says so;
 * empty means the default (DHCP on a network this host serves DHCP for, static otherwise). {@code dnsName} is the
 * name the network's DNS gives the interface's address ({@code dns_name}; empty: the guest's name), and
 * {@code dns} false leaves the address out of the network's DNS ({@code dns: false}). {@code nameservers} false:
 * the guest takes no name servers from this interface ({@code nameservers: false}, 0.3's {@code nodns}: kickstart's
 * {@code network --nodns}).
 */
public record Nic(String network, MacAddress mac, Ipv4 ip, boolean macDeclared, boolean ipDeclared, String model,
                  Optional<BootProto> bootproto, Origin origin, Optional<String> dnsName, boolean dns,
                  boolean nameservers) {

    /** How a guest configures an interface: by DHCP (its reservation gives the address) or statically. */
    public enum BootProto {
        DHCP, STATIC
    }

    public Nic(String network, MacAddress mac, Ipv4 ip, boolean macDeclared, boolean ipDeclared, String model,
               Optional<BootProto> bootproto, Origin origin) {
        this(network, mac, ip, macDeclared, ipDeclared, model, bootproto, origin, Optional.empty(), true, true);
    }

    public Nic withAddresses(MacAddress newMac, Ipv4 newIp) {
        return new Nic(network, newMac, newIp, macDeclared, ipDeclared, model, bootproto, origin, dnsName, dns,
                nameservers);
    }

    /** The name of the interface's address in its network's DNS, given the guest's name; empty: not in DNS. */
    public Optional<String> dnsNameOf(String guest) {
        return dns ? Optional.of(dnsName.orElse(guest)) : Optional.empty();
    }
}
