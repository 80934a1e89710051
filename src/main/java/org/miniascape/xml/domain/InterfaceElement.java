package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.model.Nic;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <interface type='network'>}: the NIC on its libvirt network, with the MAC its DHCP reservation has, and
 * {@code <mtu size>} where the site gives one (a network stretched over hosts by VXLAN: 1450 over a 1500
 * underlay), which QEMU passes to a virtio guest as its interface's MTU. Read back, it holds what the document
 * has: the MAC as written (libvirt may write it in upper case), an interface on a host bridge
 * ({@code type='bridge'}), and what a running domain adds: the bridge its network is on and the host's tap
 * device ({@code <target dev='vnet0'/>}).
 */
public record InterfaceElement(Optional<String> type, Optional<String> mac, Optional<Source> source,
                               Optional<String> targetDev, Optional<String> model, Optional<Integer> mtu)
        implements DeviceElement {

    /** {@code <source network bridge/>}: the libvirt network, or the host bridge, the interface is on. */
    public record Source(Optional<String> network, Optional<String> bridge) {

        static Source read(XmlElement source) {
            return new Source(source.attribute("network"), source.attribute("bridge"));
        }

        void write(XmlWriter w) {
            w.start("source");
            w.attr("network", network);
            w.attr("bridge", bridge);
            w.end();
        }
    }

    /** A guest's NIC on its network, with the MTU the site gives that network, if it gives one. */
    public static InterfaceElement of(Nic nic, Optional<Integer> mtu) {
        return new InterfaceElement(Optional.of("network"), Optional.of(nic.mac().toString()),
                Optional.of(new Source(Optional.of(nic.network()), Optional.empty())), Optional.empty(),
                Optional.of(nic.model()), mtu);
    }

    /** An {@code <interface>} as libvirt (or anyone) wrote it. */
    public static InterfaceElement read(XmlElement nic) {
        return new InterfaceElement(nic.attribute("type"), nic.child("mac").flatMap(m -> m.attribute("address")),
                nic.child("source").map(Source::read), nic.child("target").flatMap(t -> t.attribute("dev")),
                nic.child("model").flatMap(m -> m.attribute("type")),
                nic.child("mtu").map(m -> Integer.parseInt(m.attr("size").strip())));
    }

    @Override
    public void write(XmlWriter w) {
        w.start("interface");
        w.attr("type", type);
        mac.ifPresent(m -> w.start("mac").attr("address", m).end());
        source.ifPresent(s -> s.write(w));
        targetDev.ifPresent(t -> w.start("target").attr("dev", t).end());
        model.ifPresent(m -> w.start("model").attr("type", m).end());
        mtu.ifPresent(m -> w.start("mtu").attr("size", m).end());
        w.end();
    }
}
