package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <bridge name='virbr151' stp='on' delay='0'/>}, with the values the document holds. In bridge mode the
 * bridge is an existing host bridge that libvirt does not manage, and libvirt refuses stp/delay there, so only
 * the name is written for it.
 */
public record BridgeElement(Optional<String> name, Optional<String> stp, Optional<String> delay) {

    static BridgeElement of(Network network) {
        boolean managed = network.mode() != NetworkMode.BRIDGE;
        return new BridgeElement(Optional.of(network.bridge()), managed ? Optional.of("on") : Optional.empty(),
                managed ? Optional.of("0") : Optional.empty());
    }

    /** A network's {@code <bridge>} as libvirt (or anyone) wrote it; any attribute may be missing. */
    public static BridgeElement read(XmlElement bridge) {
        return new BridgeElement(bridge.attribute("name"), bridge.attribute("stp"), bridge.attribute("delay"));
    }

    void write(XmlWriter w) {
        w.start("bridge");
        w.attr("name", name);
        w.attr("stp", stp);
        w.attr("delay", delay);
        w.end();
    }
}
