package org.miniascape.model;

import java.util.Optional;

/**
 * DHCP of a network: the dynamic pool handed to unknown clients and the static pool from which reservations
 * without an explicit address get theirs. Lease time in seconds; empty means the server's default.
 */
public record Dhcp(Optional<AddressRange> dynamic, Optional<AddressRange> staticPool, Optional<Long> leaseSeconds) {
}
