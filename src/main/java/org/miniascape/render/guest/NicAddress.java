package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;

/**
 * A guest NIC with what its install files configure: DHCP on a network this host serves DHCP for (the
 * reservation gives the address) and on an existing bridge whose subnet the site does not know; the reserved
 * address, statically, on any other network with a subnet or where the interface says {@code bootproto: static}.
 * The first NIC carries the default route and the name server (the network's gateway, where libvirt's or
 * miniascape's dnsmasq answers).
 */
record NicAddress(Nic nic, Network network, Optional<Ipv4Cidr> cidr, boolean primary) {

    static List<NicAddress> of(Guest guest, Site site) {
        List<NicAddress> list = new ArrayList<>();
        for (int i = 0; i < guest.nics().size(); i++) {
            Nic nic = guest.nics().get(i);
            Network net = site.network(nic.network()).orElseThrow();
            Optional<Ipv4Cidr> cidr = nic.ip().isEmpty() ? Optional.empty() : net.cidr();
            list.add(new NicAddress(nic, net, cidr, i == 0));
        }
        return list;
    }

    /** Static only with an address to give: {@code bootproto: static} without one was refused by validation. */
    boolean isStatic() {
        if (cidr.isEmpty()) {
            return false;
        }
        return nic.bootproto().map(b -> b == Nic.BootProto.STATIC).orElse(!network.servesDhcp());
    }

    String ip() {
        return nic.ip().orElseThrow().toString();
    }

    String netmask() {
        return cidr.orElseThrow().netmask().toString();
    }

    int prefix() {
        return cidr.orElseThrow().prefix();
    }

    /**
     * Whether the guest's default route goes out of this NIC: only the first, and not into an isolated network
     * (it routes nowhere). A DHCP NIC without it ignores the routes its DHCP server offers.
     */
    boolean defaultRoute() {
        return primary && network.mode() != org.miniascape.model.NetworkMode.ISOLATED;
    }

    /** The default route's gateway of a static NIC: the network's, where {@link #defaultRoute} says so. */
    Optional<String> gateway() {
        return defaultRoute() ? network.gateway().map(Object::toString) : Optional.empty();
    }

    /**
     * The name server a static NIC is given: its network's gateway, where this host's dnsmasq answers; none where
     * the interface says {@code nameservers: false}.
     */
    Optional<String> nameserver() {
        return network.servesDhcp() && nic.nameservers() ? network.gateway().map(Object::toString) : Optional.empty();
    }

    /** False where the interface says {@code nameservers: false}: the guest takes none from it (nor from DHCP). */
    boolean takesNameservers() {
        return nic.nameservers();
    }
}
