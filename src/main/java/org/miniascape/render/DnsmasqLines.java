package org.miniascape.render;

import java.util.List;
import java.util.Map;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Network;
import org.miniascape.model.Reservation;

/**
 * Single lines of a network's standalone dnsmasq files, as {@code network/hostsfile.j2} and
 * {@code network/addn-hosts.j2} write them: for scripts that put one guest's entries into installed files.
 */
public final class DnsmasqLines {
    private DnsmasqLines() {
    }

    /** The reservation's line of {@code NAME.hostsfile}: {@code MAC,IP,NAME}, or {@code MAC,IP} without a name. */
    public static String hostsfile(Reservation r) {
        return r.mac() + "," + r.ip() + r.dhcpName().map(n -> "," + n).orElse("");
    }

    /** The address's line of {@code NAME.addn-hosts}: the address, then every name the network gives it. */
    /** Whether the network's DNS gives the address any name (an address of {@code dns: false} may have none). */
    @SuppressWarnings("unchecked")
    public static boolean hasDnsName(Network n, Ipv4 ip) {
        return TemplateModel.dnsEntries(n).stream().anyMatch(e -> ((Map<String, Object>) e).get("ip")
                .equals(ip.toString()));
    }

    @SuppressWarnings("unchecked")
    public static String addnHosts(Network n, Ipv4 ip) {
        for (Object entry : TemplateModel.dnsEntries(n)) {
            Map<String, Object> e = (Map<String, Object>) entry;
            if (e.get("ip").equals(ip.toString())) {
                return ip + " " + String.join(" ", (List<String>) e.get("names"));
            }
        }
        throw new IllegalArgumentException(ip + " has no DNS name on network " + n.name());
    }
}
