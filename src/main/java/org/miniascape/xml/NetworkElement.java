package org.miniascape.xml;

import java.util.List;
import java.util.Optional;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Network;

/**
 * A libvirt {@code <network>} as typed elements: what miniascape generates, and what it reads back from libvirt
 * (name, UUID, ownership mark, forward, bridge, MTU, MAC, domain, DNS and addresses, with the values the document
 * holds). Elements libvirt may add that miniascape does not model are not kept. Written in libvirt's own order:
 * name, uuid, metadata, forward, bridge, mtu, mac, domain, dns, ip.
 */
public record NetworkElement(String name, Optional<String> uuid, Optional<OwnerMark> mark,
                             Optional<ForwardElement> forward, Optional<BridgeElement> bridge,
                             Optional<MtuElement> mtu, Optional<String> mac, Optional<DomainElement> domain,
                             Optional<DnsElement> dns, List<IpElement> ips) {

    public NetworkElement {
        ips = List.copyOf(ips);
    }

    /** The whole definition of a resolved network, with the UUID libvirt knows it by and the mark, if given. */
    static NetworkElement of(Network network, Optional<String> uuid, Optional<OwnerMark> mark) {
        return new NetworkElement(network.name(), uuid, mark, ForwardElement.of(network),
                Optional.of(BridgeElement.of(network)), MtuElement.of(network), Optional.empty(),
                DomainElement.of(network), DnsElement.of(network), IpElement.of(network).stream().toList());
    }

    /** The network on a host that is not its home: its bridge (with its MTU) and nothing else. */
    static NetworkElement joined(Network network, Optional<String> uuid, Optional<OwnerMark> mark) {
        return new NetworkElement(network.name(), uuid, mark, Optional.empty(), Optional.of(BridgeElement.of(network)),
                MtuElement.of(network), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * A {@code <network>} document's root as libvirt (or anyone) wrote it; the first of each single element is
     * read, and every {@code <ip>}.
     *
     * @throws MiniascapeException when the root is not {@code <network>}
     */
    public static NetworkElement read(XmlElement root) {
        if (!root.name().equals("network")) {
            throw MiniascapeException.failed("not a libvirt network definition: root element <" + root.name()
                    + ">");
        }
        return new NetworkElement(root.childText("name"), root.child("uuid").map(u -> u.text().strip()),
                OwnerMark.of(root), root.child("forward").map(ForwardElement::read),
                root.child("bridge").map(BridgeElement::read), root.child("mtu").map(MtuElement::read),
                root.child("mac").flatMap(m -> m.attribute("address")), root.child("domain").map(DomainElement::read),
                root.child("dns").map(DnsElement::read), root.children("ip").stream().map(IpElement::read).toList());
    }

    /** The first IPv4 {@code <ip>} whose subnet reads, if there is one. */
    public Optional<IpElement> ipv4() {
        return ips.stream().filter(ip -> ip.ipv4() && ip.cidr().isPresent()).findFirst();
    }

    void write(XmlWriter w) {
        w.start("network");
        w.element("name", name);
        w.element("uuid", uuid);
        mark.ifPresent(m -> m.write(w));
        forward.ifPresent(f -> f.write(w));
        bridge.ifPresent(b -> b.write(w));
        mtu.ifPresent(m -> m.write(w));
        mac.ifPresent(m -> w.start("mac").attr("address", m).end());
        domain.ifPresent(d -> d.write(w));
        dns.ifPresent(d -> d.write(w));
        ips.forEach(i -> i.write(w));
        w.end();
    }

    /** The element as a document of its own, without a header comment, ending with a newline. */
    public String toXml() {
        XmlWriter w = new XmlWriter();
        write(w);
        return w.finish();
    }
}
