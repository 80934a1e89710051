package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.xml.DhcpHostElement;
import org.miniascape.xml.DnsHostElement;
import org.miniascape.xml.XmlElement;

/**
 * A network's XML read for comparison: its DHCP and DNS hosts (the parts virNetworkUpdate changes live) apart
 * from everything else, which is reduced to canonical lines: one element per line, attributes sorted, and
 * what libvirt fills in by itself left out (uuid, bridge MAC, connection count, stp='on' delay='0', the
 * default NAT port range). Two definitions mean the same network when their core lines are equal.
 */
public record NetworkDefinition(String name, String bridge, Optional<Ipv4Cidr> cidr, List<String> core,
                                List<DhcpHostElement> dhcpHosts, List<DnsHostElement> dnsHosts) {

    public static NetworkDefinition parse(String xml) {
        XmlElement root = XmlElement.parse(xml);
        if (!root.name().equals("network")) {
            throw MiniascapeException.failed("not a libvirt network definition: root element <" + root.name()
                    + ">");
        }
        String name = root.childText("name");
        String bridge = root.child("bridge").map(b -> b.attr("name")).orElse("");
        List<DhcpHostElement> dhcp = new ArrayList<>();
        List<DnsHostElement> dns = new ArrayList<>();
        Optional<Ipv4Cidr> cidr = Optional.empty();
        for (XmlElement ip : root.children("ip")) {
            if (!ip.attr("family").isEmpty() && !ip.attr("family").equals("ipv4")) {
                continue;
            }
            if (cidr.isEmpty()) {
                cidr = cidrOf(ip);
            }
            for (XmlElement d : ip.children("dhcp")) {
                for (XmlElement h : d.children("host")) {
                    dhcp.add(DhcpHostElement.read(h));
                }
            }
        }
        for (XmlElement d : root.children("dns")) {
            for (XmlElement h : d.children("host")) {
                dns.add(DnsHostElement.read(h));
            }
        }
        List<String> core = new ArrayList<>();
        canonical(root, 0, core);
        return new NetworkDefinition(name, bridge, cidr, List.copyOf(core), List.copyOf(dhcp), List.copyOf(dns));
    }

    /** Parses the network part of an {@code <ip>}: address with netmask or prefix. */
    private static Optional<Ipv4Cidr> cidrOf(XmlElement ip) {
        try {
            Ipv4 address = Ipv4.parse(ip.attr("address"));
            int prefix;
            if (!ip.attr("prefix").isEmpty()) {
                prefix = Integer.parseInt(ip.attr("prefix"));
            } else if (!ip.attr("netmask").isEmpty()) {
                prefix = Integer.bitCount(Ipv4.parse(ip.attr("netmask")).bits());
            } else {
                prefix = 24; // libvirt's default for an address without netmask or prefix
            }
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            return Optional.of(new Ipv4Cidr(new Ipv4(address.bits() & mask), prefix));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void canonical(XmlElement e, int depth, List<String> out) {
        String path = e.name();
        Map<String, String> attrs = new TreeMap<>();
        for (XmlElement.Attribute a : e.attributes()) {
            attrs.put(a.name(), a.value());
        }
        if (depth == 0) {
            attrs.remove("connections");
        }
        if (path.equals("bridge")) {
            attrs.remove("stp", "on");
            attrs.remove("delay", "0");
        }
        List<XmlElement> kids = new ArrayList<>();
        for (XmlElement k : e.children()) {
            if (!ignored(e, k)) {
                kids.add(k);
            }
        }
        String text = e.text().strip(); // only an element without child elements has text
        if (depth > 0 && kids.isEmpty() && attrs.isEmpty() && text.isEmpty()
                && (path.equals("dhcp") || path.equals("dns"))) {
            return; // an empty <dhcp/> or <dns/> (all its hosts gone) is no section at all
        }
        // Children first: one that comes out as nothing (a <dhcp> whose last host was removed) leaves this
        // element as empty as a definition that never had it.
        List<String> inner = new ArrayList<>();
        for (XmlElement k : kids) {
            canonical(k, depth + 1, inner);
        }
        StringBuilder line = new StringBuilder("  ".repeat(depth)).append('<').append(path);
        attrs.forEach((k, v) -> line.append(' ').append(k).append("='").append(v).append('\''));
        line.append(inner.isEmpty() && text.isEmpty() ? "/>" : ">");
        if (!text.isEmpty()) {
            line.append(text).append("</").append(path).append('>');
        }
        out.add(line.toString());
        out.addAll(inner);
    }

    /** What the comparison leaves out: libvirt-generated values and the hosts compared on their own. */
    private static boolean ignored(XmlElement parent, XmlElement child) {
        String p = parent.name();
        String c = child.name();
        if (p.equals("network") && (c.equals("uuid") || c.equals("mac") || c.equals("metadata"))) {
            return true;
        }
        if ((p.equals("dhcp") || p.equals("dns")) && c.equals("host")) {
            return true;
        }
        if (p.equals("forward") && c.equals("nat") && "nat".equals(parent.attr("mode"))) {
            return isDefaultNat(child);
        }
        return false;
    }

    private static boolean isDefaultNat(XmlElement nat) {
        List<XmlElement> kids = nat.children();
        return nat.attributes().isEmpty() && kids.size() == 1 && kids.get(0).name().equals("port")
                && kids.get(0).attr("start").equals("1024") && kids.get(0).attr("end").equals("65535");
    }

    /** The {@code <uuid>} of a network's (or domain's) XML, empty when it has none. */
    static String uuid(String xml) {
        return XmlElement.parse(xml).childText("uuid");
    }
}
