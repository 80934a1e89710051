package org.miniascape.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A guest's network interface. {@code declaredMac} and {@code declaredIp} are the addresses the configuration
 * gives; {@code resolved} holds the final ones once {@link org.miniascape.validate.SiteResolver} has completed the
 * site ({@link #mac()} and {@link #ip()} read them). {@code bootproto} is how the guest configures the interface,
 * when the site says so; empty means the default (DHCP on a network this host serves DHCP for, static otherwise).
 * {@code dnsName} is the name the network's DNS gives the interface's address ({@code dns_name}; empty: the guest's
 * name), and {@code dns} false leaves the address out of the network's DNS ({@code dns: false}). {@code nameservers}
 * false: the guest takes no name servers from this interface ({@code nameservers: false}, 0.3's {@code nodns}:
 * kickstart's {@code network --nodns}).
 */
public record Nic(String network, Optional<MacAddress> declaredMac, Optional<Ipv4> declaredIp,
                  Optional<Addresses> resolved, String model, Optional<BootProto> bootproto, Origin origin,
                  Optional<String> dnsName, boolean dns, boolean nameservers) {

    /** How a guest configures an interface: by DHCP (its reservation gives the address) or statically. */
    public enum BootProto {
        DHCP, STATIC
    }

    /** A resolved interface's addresses: its MAC, and its IPv4 address unless its network gives none. */
    public record Addresses(MacAddress mac, Optional<Ipv4> ip) {
        public Addresses {
            Objects.requireNonNull(mac, "mac");
            Objects.requireNonNull(ip, "ip");
        }
    }

    public Nic {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(declaredMac, "declaredMac");
        Objects.requireNonNull(declaredIp, "declaredIp");
        Objects.requireNonNull(resolved, "resolved");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bootproto, "bootproto");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(dnsName, "dnsName");
    }

    /** An interface as the configuration declares it, not resolved yet. */
    public Nic(String network, Optional<MacAddress> declaredMac, Optional<Ipv4> declaredIp, String model,
               Optional<BootProto> bootproto, Origin origin, Optional<String> dnsName, boolean dns,
               boolean nameservers) {
        this(network, declaredMac, declaredIp, Optional.empty(), model, bootproto, origin, dnsName, dns,
                nameservers);
    }

    /** A declared interface in DNS under the guest's name, taking name servers from its network. */
    public Nic(String network, Optional<MacAddress> declaredMac, Optional<Ipv4> declaredIp, String model,
               Optional<BootProto> bootproto, Origin origin) {
        this(network, declaredMac, declaredIp, model, bootproto, origin, Optional.empty(), true, true);
    }

    /** This interface resolved to its final addresses. */
    public Nic withAddresses(MacAddress mac, Optional<Ipv4> ip) {
        return new Nic(network, declaredMac, declaredIp, Optional.of(new Addresses(mac, ip)), model, bootproto,
                origin, dnsName, dns, nameservers);
    }

    /** The final MAC; only a resolved interface has it. */
    public MacAddress mac() {
        return addresses().mac();
    }

    /** The final IPv4 address, empty when the interface's network gives none; only a resolved interface has it. */
    public Optional<Ipv4> ip() {
        return addresses().ip();
    }

    private Addresses addresses() {
        return resolved.orElseThrow(() -> new IllegalStateException(
                "interface of network '" + network + "' not resolved yet"));
    }

    /** The name of the interface's address in its network's DNS, given the guest's name; empty: not in DNS. */
    public Optional<String> dnsNameOf(String guest) {
        return dns ? Optional.of(dnsName.orElse(guest)) : Optional.empty();
    }
}
