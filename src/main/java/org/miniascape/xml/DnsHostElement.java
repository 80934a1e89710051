package org.miniascape.xml;

import java.util.List;
import org.miniascape.model.Ipv4;

/** {@code <host ip='...'><hostname>name</hostname>...</host>} inside {@code <dns>}. */
record DnsHostElement(Ipv4 ip, List<String> names) {

    void write(XmlWriter w) {
        w.start("host").attr("ip", ip.toString());
        for (String name : names) {
            w.element("hostname", name);
        }
        w.end();
    }
}
