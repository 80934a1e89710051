package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <forward mode='nat|route|open|bridge' dev='...'/>}; isolated networks have none. The device only
 * restricts nat/route traffic to one host interface, so it is written for those modes alone. Read back from
 * libvirt a NAT network has its port range too ({@code <nat><port start='1024' end='65535'/></nat>}), and a
 * {@code <forward>} without a mode is libvirt's NAT.
 */
public record ForwardElement(Optional<String> mode, Optional<String> dev, Optional<NatPorts> natPorts) {

    /** {@code <nat><port start end/></nat>}: the source ports NAT maps to, as the document has them. */
    public record NatPorts(String start, String end) {
    }

    static Optional<ForwardElement> of(Network network) {
        NetworkMode mode = network.mode();
        if (mode == NetworkMode.ISOLATED) {
            return Optional.empty();
        }
        boolean routed = mode == NetworkMode.NAT || mode == NetworkMode.ROUTE;
        return Optional.of(new ForwardElement(Optional.of(mode.key()),
                routed ? network.forwardDevice() : Optional.empty(), Optional.empty()));
    }

    /** A network's {@code <forward>} as libvirt (or anyone) wrote it. */
    public static ForwardElement read(XmlElement forward) {
        Optional<NatPorts> ports = forward.child("nat").flatMap(n -> n.child("port"))
                .map(p -> new NatPorts(p.attr("start"), p.attr("end")));
        return new ForwardElement(forward.attribute("mode"), forward.attribute("dev"), ports);
    }

    void write(XmlWriter w) {
        w.start("forward");
        w.attr("mode", mode);
        w.attr("dev", dev);
        natPorts.ifPresent(p -> w.start("nat").start("port").attr("start", p.start()).attr("end", p.end()).end()
                .end());
        w.end();
    }
}
