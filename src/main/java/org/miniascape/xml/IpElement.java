package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;

/**
 * {@code <ip address='GATEWAY' netmask='...'>} with its {@code <dhcp>}. Bridge-mode networks have none: the
 * host bridge's addresses are not libvirt's to manage. Read back, it holds what the document has: libvirt may
 * give a family ({@code ipv4}, {@code ipv6}) and a prefix instead of a netmask; the address is empty when
 * missing.
 */
public record IpElement(Optional<String> family, String address, Optional<String> netmask, Optional<String> prefix,
                        Optional<DhcpElement> dhcp) {

    /** libvirt's prefix for an IPv4 address given with neither netmask nor prefix. */
    private static final int DEFAULT_PREFIX = 24;

    static Optional<IpElement> of(Network network) {
        if (network.mode() == NetworkMode.BRIDGE || network.cidr().isEmpty()) {
            return Optional.empty();
        }
        Ipv4Cidr cidr = network.cidr().get();
        return Optional.of(new IpElement(Optional.empty(), network.requireGateway().toString(),
                Optional.of(cidr.netmask().toString()), Optional.empty(), DhcpElement.of(network)));
    }

    /** An {@code <ip>} of a network with its first {@code <dhcp>}. */
    public static IpElement read(XmlElement ip) {
        return new IpElement(ip.attribute("family"), ip.attr("address"), ip.attribute("netmask"),
                ip.attribute("prefix"), ip.child("dhcp").map(DhcpElement::read));
    }

    /** True for an IPv4 address: the family is {@code ipv4}, or not given (or given empty). */
    public boolean ipv4() {
        return family.orElse("").isEmpty() || family.get().equals("ipv4");
    }

    /**
     * The subnet of an IPv4 {@code <ip>}: the address with its prefix (or netmask, or libvirt's default /24),
     * host bits cleared; empty when address, prefix or netmask is not one.
     */
    public Optional<Ipv4Cidr> cidr() {
        try {
            Ipv4 ip = Ipv4.parse(address);
            int length;
            if (!prefix.orElse("").isEmpty()) {
                length = Integer.parseInt(prefix.get());
            } else if (!netmask.orElse("").isEmpty()) {
                length = Integer.bitCount(Ipv4.parse(netmask.get()).bits());
            } else {
                length = DEFAULT_PREFIX;
            }
            int mask = length == 0 ? 0 : -1 << (32 - length);
            return Optional.of(new Ipv4Cidr(new Ipv4(ip.bits() & mask), length));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    void write(XmlWriter w) {
        w.start("ip");
        w.attr("family", family);
        w.attr("address", address);
        w.attr("netmask", netmask);
        w.attr("prefix", prefix);
        dhcp.ifPresent(d -> d.write(w));
        w.end();
    }
}
