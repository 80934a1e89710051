package org.miniascape.xml;

import org.miniascape.model.Reservation;

/** {@code <host mac ip name/>} inside {@code <dhcp>}: one DHCP reservation ({@code name}: see Reservation#dhcpName). */
record DhcpHostElement(Reservation reservation) {

    void write(XmlWriter w) {
        w.start("host")
                .attr("mac", reservation.mac().toString())
                .attr("ip", reservation.ip().toString());
        // An address left out of DNS (dns: false) hands out no name: dnsmasq would put it in DNS for the lease.
        reservation.dhcpName().ifPresent(n -> w.attr("name", n));
        w.end();
    }
}
