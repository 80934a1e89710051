package org.miniascape.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A DHCP reservation with its DNS name, resolved: a guest's interface or one of a network's {@code hosts}.
 * {@code guest} is true for guest interfaces; {@code origin} points at the interface or host entry. {@code name}
 * is the guest's or host's name; {@code dns} the name the network's DNS gives the address (the interface's
 * {@code dns_name}, by default {@code name}; a short name is on the network's domain), empty where the interface
 * says {@code dns: false}. {@code ip} is final: declared, else allocated by
 * {@link org.miniascape.validate.SiteResolver}.
 */
public record Reservation(String name, MacAddress mac, Ipv4 ip, boolean guest, Origin origin, Optional<String> dns) {

    public Reservation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(dns, "dns");
    }

    /** A reservation in DNS under its name. */
    public Reservation(String name, MacAddress mac, Ipv4 ip, boolean guest, Origin origin) {
        this(name, mac, ip, guest, origin, Optional.of(name));
    }

    /**
     * The host name the DHCP reservation hands out (and its dnsmasq puts in DNS while the lease lasts): the first
     * label of the DNS name; none for an address left out of DNS, so that the lease adds no name either.
     */
    public Optional<String> dhcpName() {
        return dns.map(d -> d.indexOf('.') < 0 ? d : d.substring(0, d.indexOf('.')));
    }
}
