package org.miniascape.libvirt;

import java.util.List;

/**
 * A site network as libvirt has it: defined / active / autostart, whether its definition matches the site
 * ({@link Sync}), and its current DHCP leases.
 */
public record NetworkState(String name, boolean defined, boolean active, boolean autostart, String bridge,
                           Sync sync, List<DhcpLease> leases) {

    public enum Sync {
        /** The same definition as the site's. */
        IN_SYNC("in sync"),
        /** Only DHCP/DNS hosts differ: 'net update' applies them live. */
        HOSTS_DIFFER("hosts differ"),
        /** Differs beyond hosts: needs a restart. */
        DIFFERS("differs"),
        NOT_DEFINED("not defined"),
        /** Defined, but not created by miniascape for this site (no mark, or another site's). */
        NOT_OURS("not the site's");

        private final String text;

        Sync(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Reads the state of a site network. */
    public static NetworkState of(HostReader hv, org.miniascape.model.Site site, org.miniascape.model.Network network) {
        return of(hv, site, network, Planner.Slice.WHOLE);
    }

    /**
     * Reads the state of a network on one host of a site over several ({@code slice}: where a bridge only is the
     * site's definition, and the leases are its home's).
     */
    public static NetworkState of(HostReader hv, org.miniascape.model.Site site, org.miniascape.model.Network network,
                                  Planner.Slice slice) {
        var status = hv.network(network.name());
        if (status.isEmpty()) {
            return new NetworkState(network.name(), false, false, false, "", Sync.NOT_DEFINED, List.of());
        }
        Planner planner = new Planner(hv, HostProbe.NONE, site, Planner.Options.DEFAULT, Planner.Seeds.NONE,
                Planner.Installer.NONE, slice);
        Action a = planner.network(network);
        Sync sync = !planner.ownsNetwork(network.name()) ? Sync.NOT_OURS : switch (a.type()) {
            case NONE -> Sync.IN_SYNC;
            // Starting it or setting autostart is no difference of definition (those show in their own columns).
            case UPDATE_LIVE -> a.steps().stream().anyMatch(st -> st instanceof Step.UpdateNetwork)
                    ? Sync.HOSTS_DIFFER : Sync.IN_SYNC;
            default -> Sync.DIFFERS;
        };
        var s = status.get();
        return new NetworkState(s.name(), s.persistent(), s.active(), s.autostart(), s.bridge(), sync,
                slice.leaseHosts().getOrDefault(network.name(), hv).leases(network.name()));
    }
}
