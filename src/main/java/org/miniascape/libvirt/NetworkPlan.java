package org.miniascape.libvirt;

import java.util.List;

/**
 * What reconciling one network will do. {@code diff} is set for a network that differs beyond its DHCP and
 * DNS hosts; {@code affectedGuests} lists the running domains attached to it (they lose connectivity on a
 * restart). {@code leaseNotes} names current leases that stand in the way of changed reservations (field notes
 * 5): libvirt cannot drop a lease, dnsmasq gives a reserved address only once another client's lease on it ends.
 */
public record NetworkPlan(String network, Kind kind, String desiredXml, List<NetworkUpdate> updates,
                          List<String> diff, List<String> affectedGuests, boolean autostart, boolean setAutostart,
                          boolean start, List<String> leaseNotes) {

    public enum Kind {
        /** Not defined: define, autostart, start. */
        CREATE,
        /** Same definition. */
        SAME,
        /** Only DHCP/DNS hosts differ: virNetworkUpdate, live and config. */
        UPDATE_LIVE,
        /** Differs beyond hosts and --force was given: redefine and restart. */
        RESTART,
        /** Differs beyond hosts, no --force: refuse. */
        DRIFT,
        /** Not defined and the command does not create networks. */
        MISSING
    }

    /** A short account of the planned host updates, e.g. "2 DHCP hosts, 1 DNS host". */
    public String updateSummary() {
        long dhcp = updates.stream().filter(u -> u.section() == NetworkUpdate.Section.IP_DHCP_HOST).count();
        long dns = updates.size() - dhcp;
        StringBuilder s = new StringBuilder();
        if (dhcp > 0) {
            s.append(dhcp).append(dhcp == 1 ? " DHCP host change" : " DHCP host changes");
        }
        if (dns > 0) {
            s.append(s.length() > 0 ? ", " : "").append(dns).append(dns == 1 ? " DNS host change" : " DNS host changes");
        }
        return s.toString();
    }
}
