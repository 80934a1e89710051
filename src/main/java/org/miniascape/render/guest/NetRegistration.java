package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miniascape.model.DhcpBackend;
import org.miniascape.model.DnsHost;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;
import org.miniascape.render.DnsmasqLines;
import org.miniascape.render.DnsmasqPaths;
import org.miniascape.render.Shell;
import org.miniascape.xml.DhcpHostElement;
import org.miniascape.xml.DnsHostElement;

/**
 * The entries net_register.sh puts into the running libvirt networks: per NIC, the DHCP reservation and the DNS
 * host entry exactly as the network XML has them (the reservation is looked up by MAC, the DNS names are all
 * names of that address), as XML fragments for {@code virsh net-update} and XPath queries that find them. On a
 * network served by the standalone dnsmasq, its lines of the installed hostsfile and addn-hosts file instead.
 */
final class NetRegistration {
    private NetRegistration() {
    }

    static Map<String, Object> of(Guest guest, Site site) {
        List<Object> entries = new ArrayList<>();
        List<Object> dnsmasqEntries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Nic nic : guest.nics()) {
            Network net = site.network(nic.network()).orElseThrow();
            Optional<Reservation> reservation = net.reservations().stream()
                    .filter(r -> r.mac().equals(nic.mac())).findFirst();
            if (!net.servesDhcp() || reservation.isEmpty()) {
                skipped.add(net.name() + ": no DHCP on this network (an existing bridge): nothing to register");
                continue;
            }
            Reservation r = reservation.get();
            if (net.dhcpBackend() == DhcpBackend.DNSMASQ) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("network", Shell.quote(net.name()));
                e.put("network_name", net.name());
                e.put("hostsfile", Shell.quote(DnsmasqPaths.hostsfile(net.name())));
                e.put("hostsfile_line", Shell.quote(DnsmasqLines.hostsfile(r)));
                e.put("addn_hosts", Shell.quote(DnsmasqPaths.addnHosts(net.name())));
                e.put("addn_hosts_line", DnsmasqLines.hasDnsName(net, r.ip())
                        ? Shell.quote(DnsmasqLines.addnHosts(net, r.ip())) : "''");
                e.put("pid_file", Shell.quote(DnsmasqPaths.pidFile(net.name())));
                dnsmasqEntries.add(e);
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("network", Shell.quote(net.name()));
            e.put("network_name", net.name());
            // Over several hosts a network's reservations live in its home's libvirt network.
            e.put("home_uri", homeUri(site, net).map(Shell::quote).orElse(""));
            e.put("mac", r.mac().toString());
            e.put("ip", r.ip().toString());
            DhcpHostElement host = DhcpHostElement.of(r);
            e.put("dhcp_host", Shell.quote(host.toXml()));
            e.put("dhcp_xpath", Shell.quote(host.xpath()));
            e.put("dhcp_delete_mac", Shell.quote(dhcpHost(host.mac(), Optional.empty()).toXml()));
            e.put("dhcp_delete_ip", Shell.quote(dhcpHost(Optional.empty(), host.ip()).toXml()));
            List<String> names = dnsNames(net, r);
            e.put("dns", !names.isEmpty());
            DnsHostElement dns = DnsHostElement.of(r.ip(), names);
            e.put("dns_host", Shell.quote(oneLine(dns.toXml())));
            e.put("dns_xpath", Shell.quote(dns.xpath()));
            e.put("dns_delete", Shell.quote(DnsHostElement.of(r.ip(), List.of()).toXml()));
            e.put("dns_stale_xpath", Shell.quote(staleXpath(net, r)));
            entries.add(e);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("entries", entries);
        v.put("dnsmasq_entries", dnsmasqEntries);
        v.put("skipped", skipped);
        return v;
    }

    /** The URI of the network's home host, on a site over several hosts. */
    private static Optional<String> homeUri(Site site, Network net) {
        if (!site.topology().multiHost()) {
            return Optional.empty();
        }
        return site.topology().network(net.name()).flatMap(sp -> site.topology().host(sp.home()))
                .map(org.miniascape.model.Host::uri);
    }

    /**
     * DNS entries in the running network that give the reservation's name an address the site does not give it
     * (left from an earlier address of the guest): their addresses, for deletion.
     */
    static String staleXpath(Network net, Reservation r) {
        Set<String> addresses = new java.util.TreeSet<>();
        for (DnsHost h : net.dnsHosts()) {
            if (r.dns().isPresent() && h.names().contains(r.dns().get())) {
                addresses.add(h.ip().toString());
            }
        }
        for (Reservation other : net.reservations()) {
            if (other.dns().isPresent() && other.dns().equals(r.dns())) {
                addresses.add(other.ip().toString());
            }
        }
        return DnsHostElement.otherAddressesXpath(r.dns().orElse(r.name()), addresses);
    }

    /** All names of the reservation's address on the network, as the network XML's {@code <dns>} has them. */
    static List<String> dnsNames(Network net, Reservation r) {
        Set<String> names = new LinkedHashSet<>();
        for (DnsHost h : net.dnsHosts()) {
            if (h.ip().equals(r.ip())) {
                names.addAll(h.names());
            }
        }
        for (Reservation other : net.reservations()) {
            if (other.ip().equals(r.ip())) {
                other.dns().ifPresent(names::add);
            }
        }
        return List.copyOf(names);
    }

    /** A DHCP host entry that a delete matches by this MAC or this address alone. */
    private static DhcpHostElement dhcpHost(Optional<String> mac, Optional<String> ip) {
        return new DhcpHostElement(mac, Optional.empty(), ip);
    }

    /** An XML fragment on one line, as a shell argument reads best. */
    private static String oneLine(String xml) {
        return xml.replace("\n", "").replaceAll(">\\s+<", "><");
    }
}
