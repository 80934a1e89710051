package org.miniascape.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A network's XML read for comparison: its DHCP and DNS hosts (the parts virNetworkUpdate changes live) apart
 * from everything else, which is reduced to canonical lines: one element per line, attributes sorted, and
 * what libvirt fills in by itself left out (uuid, bridge MAC, connection count, stp='on' delay='0', the
 * default NAT port range). Two definitions mean the same network when their core lines are equal.
 */
public record NetworkDefinition(String name, String bridge, Optional<Ipv4Cidr> cidr, List<String> core,
                                List<DhcpHostEntry> dhcpHosts, List<DnsHostEntry> dnsHosts) {

    public static NetworkDefinition parse(String xml) {
        Element root = document(xml).getDocumentElement();
        if (!root.getTagName().equals("network")) {
            throw MiniascapeException.failed("not a libvirt network definition: root element <" + root.getTagName()
                    + ">");
        }
        String name = text(child(root, "name"));
        String bridge = child(root, "bridge").map(b -> b.getAttribute("name"))
                .orElse("");
        List<DhcpHostEntry> dhcp = new ArrayList<>();
        List<DnsHostEntry> dns = new ArrayList<>();
        Optional<Ipv4Cidr> cidr = Optional.empty();
        for (Element ip : children(root, "ip")) {
            if (!ip.getAttribute("family").isEmpty() && !ip.getAttribute("family").equals("ipv4")) {
                continue;
            }
            if (cidr.isEmpty()) {
                cidr = cidrOf(ip);
            }
            for (Element d : children(ip, "dhcp")) {
                for (Element h : children(d, "host")) {
                    dhcp.add(new DhcpHostEntry(attr(h, "mac").map(m -> m.toLowerCase(java.util.Locale.ROOT)),
                            attr(h, "name"), attr(h, "ip")));
                }
            }
        }
        for (Element d : children(root, "dns")) {
            for (Element h : children(d, "host")) {
                dns.add(new DnsHostEntry(h.getAttribute("ip"),
                        children(h, "hostname").stream().map(e -> e.getTextContent().strip()).toList()));
            }
        }
        List<String> core = new ArrayList<>();
        canonical(root, 0, core);
        return new NetworkDefinition(name, bridge, cidr, List.copyOf(core), List.copyOf(dhcp), List.copyOf(dns));
    }

    /** Parses the network part of an {@code <ip>}: address with netmask or prefix. */
    private static Optional<Ipv4Cidr> cidrOf(Element ip) {
        try {
            Ipv4 address = Ipv4.parse(ip.getAttribute("address"));
            int prefix;
            if (!ip.getAttribute("prefix").isEmpty()) {
                prefix = Integer.parseInt(ip.getAttribute("prefix"));
            } else if (!ip.getAttribute("netmask").isEmpty()) {
                prefix = Integer.bitCount(Ipv4.parse(ip.getAttribute("netmask")).bits());
            } else {
                prefix = 24; // libvirt's default for an address without netmask or prefix
            }
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            return Optional.of(new Ipv4Cidr(new Ipv4(address.bits() & mask), prefix));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static void canonical(Element e, int depth, List<String> out) {
        String path = e.getTagName();
        Map<String, String> attrs = new TreeMap<>();
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            Node a = e.getAttributes().item(i);
            attrs.put(a.getNodeName(), a.getNodeValue());
        }
        if (depth == 0) {
            attrs.remove("connections");
        }
        if (path.equals("bridge")) {
            attrs.remove("stp", "on");
            attrs.remove("delay", "0");
        }
        List<Element> kids = new ArrayList<>();
        boolean leaf = true;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element k) {
                leaf = false;
                if (!ignored(e, k)) {
                    kids.add(k);
                }
            }
        }
        String text = leaf ? e.getTextContent().strip() : "";
        if (depth > 0 && kids.isEmpty() && attrs.isEmpty() && text.isEmpty()
                && (path.equals("dhcp") || path.equals("dns"))) {
            return; // an empty <dhcp/> or <dns/> (all its hosts gone) is no section at all
        }
        // Children first: one that comes out as nothing (a <dhcp> whose last host was removed) leaves this
        // element as empty as a definition that never had it.
        List<String> inner = new ArrayList<>();
        for (Element k : kids) {
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
    private static boolean ignored(Element parent, Element child) {
        String p = parent.getTagName();
        String c = child.getTagName();
        if (p.equals("network") && (c.equals("uuid") || c.equals("mac") || c.equals("metadata"))) {
            return true;
        }
        if ((p.equals("dhcp") || p.equals("dns")) && c.equals("host")) {
            return true;
        }
        if (p.equals("forward") && c.equals("nat") && "nat".equals(parent.getAttribute("mode"))) {
            return isDefaultNat(child);
        }
        return false;
    }

    private static boolean isDefaultNat(Element nat) {
        List<Element> kids = children(nat, null);
        return nat.getAttributes().getLength() == 0 && kids.size() == 1 && kids.get(0).getTagName().equals("port")
                && kids.get(0).getAttribute("start").equals("1024") && kids.get(0).getAttribute("end").equals("65535");
    }

    /** The {@code <uuid>} of a network's XML, empty when it has none. */
    static String uuid(String xml) {
        return text(child(document(xml).getDocumentElement(), "uuid"));
    }

    /** The network XML with {@code <uuid>} set right after {@code <name>}, as libvirt needs for a redefinition. */
    static String withUuid(String xml, String uuid) {
        Document doc = document(xml);
        Element root = doc.getDocumentElement();
        child(root, "uuid").ifPresent(root::removeChild);
        Element u = doc.createElement("uuid");
        u.setTextContent(uuid);
        Element name = child(root, "name").orElseThrow();
        root.insertBefore(u, name.getNextSibling());
        try {
            javax.xml.transform.Transformer t =
                    javax.xml.transform.TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            java.io.StringWriter out = new java.io.StringWriter();
            t.transform(new javax.xml.transform.dom.DOMSource(doc), new javax.xml.transform.stream.StreamResult(out));
            return out.toString();
        } catch (javax.xml.transform.TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    static Document document(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setIgnoringComments(true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw MiniascapeException.failed("cannot read libvirt XML: " + e.getMessage(), e);
        }
    }

    static Optional<Element> child(Element parent, String tag) {
        List<Element> c = children(parent, tag);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Optional<Element> e) {
        return e.map(x -> x.getTextContent().strip()).orElse("");
    }

    private static Optional<String> attr(Element e, String name) {
        return e.hasAttribute(name) ? Optional.of(e.getAttribute(name)) : Optional.empty();
    }
}
