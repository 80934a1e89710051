package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <forward mode='nat|route|open|bridge' dev='...'/>}; isolated networks have none. The device only
 * restricts nat/route traffic to one host interface, so it is written for those modes alone.
 */
record ForwardElement(String mode, Optional<String> dev) {

    static Optional<ForwardElement> of(Network network) {
        NetworkMode mode = network.mode();
        if (mode == NetworkMode.ISOLATED) {
            return Optional.empty();
        }
        boolean routed = mode == NetworkMode.NAT || mode == NetworkMode.ROUTE;
        return Optional.of(new ForwardElement(mode.key(),
                routed ? network.forwardDevice() : Optional.empty()));
    }

    void write(XmlWriter w) {
        w.start("forward").attr("mode", mode);
        dev.ifPresent(d -> w.attr("dev", d));
        w.end();
    }
}
