package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <mtu size='9000'/>}, only when the configuration sets one (libvirt's default otherwise). libvirt
 * refuses it in bridge mode (the host bridge's MTU is not libvirt's to set), so it is never written there. The
 * size is kept as the document has it (libvirt itself writes a number).
 */
public record MtuElement(String size) {

    static Optional<MtuElement> of(Network network) {
        if (network.mode() == NetworkMode.BRIDGE) {
            return Optional.empty();
        }
        return network.mtu().map(s -> new MtuElement(Integer.toString(s)));
    }

    /** A network's {@code <mtu>}; its size is empty when the attribute is missing. */
    public static MtuElement read(XmlElement mtu) {
        return new MtuElement(mtu.attr("size"));
    }

    void write(XmlWriter w) {
        w.start("mtu").attr("size", size).end();
    }
}
