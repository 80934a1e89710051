package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <domain name='net-1.lab.local' localOnly='yes'/>}: names in the network's domain are answered locally
 * and never forwarded upstream. Bridge-mode networks have no DNS of ours, and libvirt rejects a domain there.
 * Read back, {@code localOnly} may be missing (libvirt's default: forwarded).
 */
public record DomainElement(String name, Optional<String> localOnly) {

    static Optional<DomainElement> of(Network network) {
        if (network.mode() == NetworkMode.BRIDGE || network.domain() == null || network.domain().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DomainElement(network.domain(), Optional.of("yes")));
    }

    /** A network's {@code <domain>}; the name is empty when the attribute is missing. */
    public static DomainElement read(XmlElement domain) {
        return new DomainElement(domain.attr("name"), domain.attribute("localOnly"));
    }

    void write(XmlWriter w) {
        w.start("domain").attr("name", name);
        w.attr("localOnly", localOnly);
        w.end();
    }
}
