package org.miniascape.libvirt;

import java.util.List;
import java.util.Optional;

/**
 * What can be read of a libvirt host, and nothing that changes it: what {@link Planner} gets, so that
 * computing a plan cannot change the host.
 */
public interface HostReader {

    /** The URI libvirt reports for the connection. */
    String uri();

    /** The host's processors and free memory, for sizing how much is done at once. */
    HostCapacity capacity();

    /** The libvirt version of the connected daemon, as major*1,000,000 + minor*1,000 + micro. */
    long libvirtVersion();

    /** Every network, defined (persistent) and transient-active alike, sorted by name. */
    List<NetworkStatus> networks();

    Optional<NetworkStatus> network(String name);

    /** The network's XML: {@code inactive} gives the persistent config, otherwise the live definition. */
    String networkXml(String name, boolean inactive);

    /**
     * virNetworkGetDHCPLeases: the network's current leases (empty for an inactive network, and for a driver that
     * keeps none, such as test).
     */
    List<DhcpLease> leases(String network);

    /**
     * False for a driver whose networks run no DHCP server and whose domains run no guest (the test driver): no
     * lease or port can be waited for there.
     */
    default boolean runsGuests() {
        return !uri().startsWith("test:");
    }

    List<PoolStatus> pools();

    Optional<PoolStatus> pool(String name);

    String poolXml(String name);

    /** The pool's volumes, sorted by name (after a refresh, so files created behind libvirt's back show). */
    List<VolumeStatus> volumes(String pool);

    /**
     * The names of the pool's volumes, sorted, after a refresh as {@link #volumes}: two calls to libvirt for the
     * whole pool, where each volume's status is three more. Empty for a pool that does not run.
     */
    List<String> volumeNames(String pool);

    Optional<VolumeStatus> volume(String pool, String name);

    String volumeXml(String pool, String name);

    List<DomainStatus> domains();

    Optional<DomainStatus> domain(String name);

    /** The domain's XML: {@code inactive} gives the persistent config, otherwise the live definition. */
    String domainXml(String name, boolean inactive);

    /**
     * The XML of each of the named domains the host has, by name (a name it has no domain of is left out): what a
     * plan reads of every guest's domain. A reader that can reads them together, fewer calls and several at once.
     */
    default java.util.Map<String, String> domainXmls(java.util.Collection<String> names, boolean inactive) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String name : names) {
            if (domain(name).isPresent()) {
                out.put(name, domainXml(name, inactive));
            }
        }
        return out;
    }
}
