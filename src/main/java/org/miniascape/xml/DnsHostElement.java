package org.miniascape.xml;

import java.util.Collection;
import java.util.List;
import org.miniascape.model.Ipv4;

/**
 * {@code <host ip='...'><hostname>name</hostname>...</host>} inside a network's {@code <dns>}: the names of one
 * address, with the values the document holds. The generated definition and the fragment virNetworkUpdate takes
 * are written alike.
 */
public record DnsHostElement(String ip, List<String> hostnames) {

    public DnsHostElement {
        hostnames = List.copyOf(hostnames);
    }

    /** A {@code <host>} of a network's {@code <dns>}: its address and {@code <hostname>}s. */
    public static DnsHostElement read(XmlElement host) {
        return new DnsHostElement(host.attr("ip"),
                host.children("hostname").stream().map(h -> h.text().strip()).toList());
    }

    /** The entry of an address and the names the network's DNS answers with for it. */
    public static DnsHostElement of(Ipv4 ip, Collection<String> hostnames) {
        return new DnsHostElement(ip.toString(), List.copyOf(hostnames));
    }

    /** The element as the generated network definition has it. */
    void write(XmlWriter w) {
        w.start("host").attr("ip", ip);
        hostnames.forEach(n -> w.element("hostname", n));
        w.end();
    }

    /** The fragment virNetworkUpdate takes; with no host names, one that a delete matches by address alone. */
    public String toXml() {
        XmlWriter w = new XmlWriter();
        write(w);
        return w.finish().strip();
    }

    /**
     * An XPath 1.0 query that finds this entry in a network's XML: its address with exactly its host names (in
     * any order).
     */
    public String xpath() {
        StringBuilder xp = new StringBuilder("/network/dns/host[@ip=" + XPathLiteral.of(ip));
        for (String n : hostnames) {
            xp.append(" and hostname=").append(XPathLiteral.of(n));
        }
        return xp.append(" and count(hostname)=").append(hostnames.size()).append(']').toString();
    }

    /**
     * An XPath 1.0 query for the addresses of the entries in a network's XML that give {@code hostname} an
     * address other than {@code kept}.
     */
    public static String otherAddressesXpath(String hostname, Collection<String> kept) {
        StringBuilder xp = new StringBuilder("/network/dns/host[hostname=" + XPathLiteral.of(hostname));
        for (String a : kept) {
            xp.append(" and @ip!=").append(XPathLiteral.of(a));
        }
        return xp.append("]/@ip").toString();
    }

    @Override
    public String toString() {
        return ip + " " + String.join(" ", hostnames);
    }
}
