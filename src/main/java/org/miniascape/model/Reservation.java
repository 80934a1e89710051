package org.miniascape.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A DHCP reservation with its DNS name: a guest's interface or one of a network's {@code hosts}.
 * {@code guest} is true for guest interfaces; {@code origin} points at the interface or host entry. {@code name}
 * is the guest's or host's name; {@code dns} the name the network's DNS gives the address (the interface's
 * {@code dns_name}, by default {@code name}; a short name is on the network's domain), empty where the interface
 * says {@code dns: false}. {@code declaredIp} is the address the configuration gives, {@code resolvedIp} the final
 * one once {@link org.miniascape.validate.SiteResolver} has completed the site ({@link #ip()} reads it).
 */
public record Reservation(String name, MacAddress mac, Optional<Ipv4> declaredIp, Optional<Ipv4> resolvedIp,
                          boolean guest, Origin origin, Optional<String> dns) {

    public Reservation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(declaredIp, "declaredIp");
        Objects.requireNonNull(resolvedIp, "resolvedIp");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(dns, "dns");
    }

    /** A resolved reservation of a declared address, in DNS under its name. */
    public Reservation(String name, MacAddress mac, Ipv4 ip, boolean guest, Origin origin) {
        this(name, mac, Optional.of(ip), Optional.of(ip), guest, origin, Optional.of(name));
    }

    /** One of a network's hosts as the configuration declares it (in DNS under its name), not resolved yet. */
    public static Reservation declaredHost(String name, MacAddress mac, Optional<Ipv4> ip, Origin origin) {
        return new Reservation(name, mac, ip, Optional.empty(), false, origin, Optional.of(name));
    }

    /** This reservation resolved to its final address. */
    public Reservation withIp(Ipv4 ip) {
        return new Reservation(name, mac, declaredIp, Optional.of(ip), guest, origin, dns);
    }

    /** The final address; only a resolved reservation has it. */
    public Ipv4 ip() {
        return resolvedIp.orElseThrow(() -> new IllegalStateException("reservation '" + name + "' not resolved yet"));
    }

    /**
     * The host name the DHCP reservation hands out (and its dnsmasq puts in DNS while the lease lasts): the first
     * label of the DNS name; none for an address left out of DNS, so that the lease adds no name either.
     */
    public Optional<String> dhcpName() {
        return dns.map(d -> d.indexOf('.') < 0 ? d : d.substring(0, d.indexOf('.')));
    }
}
