package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Network;

/** {@code <mtu size='9000'/>}, only when the configuration sets one (libvirt's default otherwise). */
record MtuElement(int size) {

    static Optional<MtuElement> of(Network network) {
        return network.mtu().map(MtuElement::new);
    }

    void write(XmlWriter w) {
        w.start("mtu").attr("size", size).end();
    }
}
