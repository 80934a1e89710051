package org.miniascape.xml;

import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <bridge name='virbr151' stp='on' delay='0'/>}. In bridge mode the bridge is an existing host bridge
 * that libvirt does not manage, and libvirt refuses stp/delay there, so only the name is written.
 */
record BridgeElement(String name, boolean managed) {

    static BridgeElement of(Network network) {
        return new BridgeElement(network.bridge(), network.mode() != NetworkMode.BRIDGE);
    }

    void write(XmlWriter w) {
        w.start("bridge").attr("name", name);
        if (managed) {
            w.attr("stp", "on").attr("delay", "0");
        }
        w.end();
    }
}
