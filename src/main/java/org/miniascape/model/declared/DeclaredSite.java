package org.miniascape.model.declared;

import java.util.List;
import java.util.Optional;
import org.miniascape.model.StoragePool;
import org.miniascape.model.Topology;

/** A site as declared: its networks, pools, guests and hosts as the files give them. */
public record DeclaredSite(String name, String domain, List<DeclaredNetwork> networks,
                           List<StoragePool> storagePools, List<DeclaredGuest> guests, Topology topology) {

    public DeclaredSite {
        networks = List.copyOf(networks);
        storagePools = List.copyOf(storagePools);
        guests = List.copyOf(guests);
    }

    public Optional<DeclaredNetwork> network(String networkName) {
        return networks.stream().filter(n -> n.name().equals(networkName)).findFirst();
    }

    public Optional<StoragePool> storagePool(String poolName) {
        return storagePools.stream().filter(p -> p.name().equals(poolName)).findFirst();
    }
}
