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
 * A guest NIC with what its install files configure: the reserved address on a network with a subnet, or
 * DHCP on an existing bridge whose subnet the site does not know. The first NIC carries the default route and
 * the name server (the network's gateway, where libvirt's or miniascape's dnsmasq answers).
 */
record NicAddress(Nic nic, Network network, Optional<Ipv4Cidr> cidr, boolean primary) {

    static List<NicAddress> of(Guest guest, Site site) {
        List<NicAddress> list = new ArrayList<>();
        for (int i = 0; i < guest.nics().size(); i++) {
            Nic nic = guest.nics().get(i);
            Network net = site.network(nic.network()).orElseThrow();
            Optional<Ipv4Cidr> cidr = nic.ip() == null ? Optional.empty() : net.cidr();
            list.add(new NicAddress(nic, net, cidr, i == 0));
        }
        return list;
    }

    boolean isStatic() {
        return cidr.isPresent();
    }

    String ip() {
        return nic.ip().toString();
    }

    String netmask() {
        return cidr.orElseThrow().netmask().toString();
    }

    int prefix() {
        return cidr.orElseThrow().prefix();
    }

    /** The default route: only from the first NIC, and not into an isolated network (it routes nowhere). */
    Optional<String> gateway() {
        if (!primary || network.mode() == org.miniascape.model.NetworkMode.ISOLATED) {
            return Optional.empty();
        }
        return network.gateway().map(Object::toString);
    }

    Optional<String> nameserver() {
        return network.servesDhcp() ? network.gateway().map(Object::toString) : Optional.empty();
    }
}
