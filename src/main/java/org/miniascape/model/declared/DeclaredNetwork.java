package org.miniascape.model.declared;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.miniascape.model.Dhcp;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.DnsHost;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.NetworkMode;
import org.miniascape.model.Origin;

/**
 * A network as declared. {@code bridge}: the bridge the configuration names, if it names one; {@code hosts}: the
 * network's own {@code hosts} (the guests' reservations are the resolver's to add). The other components are as
 * in the resolved {@link org.miniascape.model.Network}.
 */
public record DeclaredNetwork(String name, String description, NetworkMode mode, Optional<String> bridge,
                              String domain, Optional<Ipv4Cidr> cidr, Optional<Ipv4> gateway, Optional<Dhcp> dhcp,
                              DhcpBackend dhcpBackend, Optional<String> forwardDevice, Optional<Integer> mtu,
                              boolean autostart, List<Ipv4> dnsForwarders, List<DnsHost> dnsHosts,
                              List<DeclaredHost> hosts, Origin origin) {

    public DeclaredNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(cidr, "cidr");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(dhcp, "dhcp");
        Objects.requireNonNull(dhcpBackend, "dhcpBackend");
        Objects.requireNonNull(forwardDevice, "forwardDevice");
        Objects.requireNonNull(mtu, "mtu");
        Objects.requireNonNull(origin, "origin");
        dnsForwarders = List.copyOf(dnsForwarders);
        dnsHosts = List.copyOf(dnsHosts);
        hosts = List.copyOf(hosts);
    }
}
