package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <domain name='net-1.lab.local' localOnly='yes'/>}: names in the network's domain are answered locally
 * and never forwarded upstream. Bridge-mode networks have no DNS of ours, and libvirt rejects a domain there.
 */
record DomainElement(String name) {

    static Optional<DomainElement> of(Network network) {
        if (network.mode() == NetworkMode.BRIDGE || network.domain() == null || network.domain().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DomainElement(network.domain()));
    }

    void write(XmlWriter w) {
        w.start("domain").attr("name", name).attr("localOnly", "yes").end();
    }
}
