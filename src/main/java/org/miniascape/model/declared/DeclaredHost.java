package org.miniascape.model.declared;

import java.util.Objects;
import java.util.Optional;
import org.miniascape.model.Ipv4;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Origin;

/**
 * One of a network's {@code hosts}: a machine outside the site with a DHCP reservation and a DNS name (its
 * {@code name}). {@code ip}: the address the configuration gives, if it gives one.
 */
public record DeclaredHost(String name, MacAddress mac, Optional<Ipv4> ip, Origin origin) {

    public DeclaredHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(origin, "origin");
    }
}
