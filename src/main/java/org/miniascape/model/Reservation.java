package org.miniascape.model;

/**
 * A DHCP reservation with its DNS name: a guest's interface or one of a network's {@code hosts}.
 * {@code guest} is true for guest interfaces; {@code origin} points at the interface or host entry.
 */
public record Reservation(String name, MacAddress mac, Ipv4 ip, boolean guest, Origin origin) {
}
