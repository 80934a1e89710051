package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/**
 * The resolved, validated site: what every generator and every libvirt operation works from. {@code topology}
 * says which host each guest and network is on; {@link Topology#NONE} for a site without {@code hosts}.
 */
public record Site(String name, String domain, List<Network> networks, List<StoragePool> storagePools,
                   List<Guest> guests, Topology topology) {

    /** A site on one host (no {@code hosts}). */
    public Site(String name, String domain, List<Network> networks, List<StoragePool> storagePools,
                List<Guest> guests) {
        this(name, domain, networks, storagePools, guests, Topology.NONE);
    }

    public Optional<Network> network(String networkName) {
        return networks.stream().filter(n -> n.name().equals(networkName)).findFirst();
    }

    public Optional<Guest> guest(String guestName) {
        return guests.stream().filter(g -> g.name().equals(guestName)).findFirst();
    }

    public Optional<StoragePool> storagePool(String poolName) {
        return storagePools.stream().filter(p -> p.name().equals(poolName)).findFirst();
    }
}
