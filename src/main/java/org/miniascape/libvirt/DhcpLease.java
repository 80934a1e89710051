package org.miniascape.libvirt;

import java.util.Optional;

/** One DHCP lease of a network (virNetworkDHCPLease); {@code expiry} in seconds since the epoch. */
public record DhcpLease(String iface, long expiry, String mac, String ip, int prefix, Optional<String> hostname,
                        Optional<String> clientId) {
}
