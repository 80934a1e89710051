package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.xml.BridgeElement;
import org.miniascape.xml.DhcpHostElement;
import org.miniascape.xml.DnsElement;
import org.miniascape.xml.DnsHostElement;
import org.miniascape.xml.IpElement;
import org.miniascape.xml.NetworkElement;
import org.miniascape.xml.OwnerMark;
import org.miniascape.xml.XmlElement;

/**
 * A network's XML read for comparison: its DHCP and DNS hosts (the parts virNetworkUpdate changes live) apart
 * from everything else, which is reduced to canonical lines: one element per line, attributes sorted, and
 * what libvirt fills in by itself left out (uuid, bridge MAC, connection count, stp='on' delay='0', the
 * default NAT port range). Two definitions mean the same network when their core lines are equal.
 */
public record NetworkDefinition(String name, Optional<String> uuid, Optional<OwnerMark> mark, String bridge,
                                Optional<Ipv4Cidr> cidr, List<String> core, List<DhcpHostElement> dhcpHosts,
                                List<DnsHostElement> dnsHosts) {

    /**
     * Reads a network's XML: name, UUID, owner mark, bridge, subnet (of the first IPv4 {@code <ip>}) and hosts from
     * its typed elements, the canonical lines from the whole tree, elements miniascape does not model included.
     */
    public static NetworkDefinition parse(String xml) {
        XmlElement root = XmlElement.parse(xml);
        NetworkElement net = NetworkElement.read(root);
        String bridge = net.bridge().flatMap(BridgeElement::name).orElse("");
        List<IpElement> ipv4 = net.ips().stream().filter(IpElement::ipv4).toList();
        Optional<Ipv4Cidr> cidr = net.ipv4().flatMap(IpElement::cidr);
        List<DhcpHostElement> dhcp = ipv4.stream().flatMap(ip -> ip.dhcp().stream())
                .flatMap(d -> d.hosts().stream()).toList();
        List<DnsHostElement> dns = net.dns().map(DnsElement::hosts).orElse(List.of());
        List<String> core = new ArrayList<>();
        canonical(root, 0, core);
        return new NetworkDefinition(net.name(), net.uuid(), net.mark(), bridge, cidr, List.copyOf(core), dhcp, dns);
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
}
