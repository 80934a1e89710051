package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <mtu size='9000'/>}, only when the configuration sets one (libvirt's default otherwise). libvirt
 * refuses it in bridge mode (the host bridge's MTU is not libvirt's to set), so it is never written there.
 */
record MtuElement(int size) {

    static Optional<MtuElement> of(Network network) {
        if (network.mode() == NetworkMode.BRIDGE) {
            return Optional.empty();
        }
        return network.mtu().map(MtuElement::new);
    }

    void write(XmlWriter w) {
        w.start("mtu").attr("size", size).end();
    }
}
