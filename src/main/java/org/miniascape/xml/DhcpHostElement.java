package org.miniascape.xml;

import org.miniascape.model.Reservation;

/** {@code <host mac ip name/>} inside {@code <dhcp>}: one DHCP reservation. */
record DhcpHostElement(Reservation reservation) {

    void write(XmlWriter w) {
        w.start("host")
                .attr("mac", reservation.mac().toString())
                .attr("ip", reservation.ip().toString())
                .attr("name", reservation.name())
                .end();
    }
}
