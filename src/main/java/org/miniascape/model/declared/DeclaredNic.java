package org.miniascape.model.declared;

import java.util.Objects;
import java.util.Optional;
import org.miniascape.model.Ipv4;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Nic;
import org.miniascape.model.Origin;

/**
 * A guest's interface as declared: {@code mac} and {@code ip} are the addresses the configuration gives, if it
 * gives them. The other components are as in the resolved {@link Nic}.
 */
public record DeclaredNic(String network, Optional<MacAddress> mac, Optional<Ipv4> ip, String model,
                          Optional<Nic.BootProto> bootproto, Origin origin, Optional<String> dnsName, boolean dns,
                          boolean nameservers) {

    public DeclaredNic {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(mac, "mac");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(bootproto, "bootproto");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(dnsName, "dnsName");
    }

    /** An interface in DNS under the guest's name, taking name servers from its network. */
    public DeclaredNic(String network, Optional<MacAddress> mac, Optional<Ipv4> ip, String model,
                       Optional<Nic.BootProto> bootproto, Origin origin) {
        this(network, mac, ip, model, bootproto, origin, Optional.empty(), true, true);
    }

    /** The name of the interface's address in its network's DNS, given the guest's name; empty: not in DNS. */
    public Optional<String> dnsNameOf(String guest) {
        return dns ? Optional.of(dnsName.orElse(guest)) : Optional.empty();
    }
}
