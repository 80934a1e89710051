package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <ip address='GATEWAY' netmask='...'>} with its {@code <dhcp>}. Bridge-mode networks have none: the
 * host bridge's addresses are not libvirt's to manage.
 */
record IpElement(Ipv4 address, Ipv4 netmask, Optional<DhcpElement> dhcp) {

    static Optional<IpElement> of(Network network) {
        if (network.mode() == NetworkMode.BRIDGE || network.cidr().isEmpty()) {
            return Optional.empty();
        }
        Ipv4Cidr cidr = network.cidr().get();
        return Optional.of(new IpElement(network.requireGateway(), cidr.netmask(), DhcpElement.of(network)));
    }

    void write(XmlWriter w) {
        w.start("ip").attr("address", address.toString()).attr("netmask", netmask.toString());
        dhcp.ifPresent(d -> d.write(w));
        w.end();
    }
}
