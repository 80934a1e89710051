package org.miniascape.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The site's hosts and what lives where. A site without {@code hosts} has {@link #NONE}: everything is on the one
 * host the commands connect to, as before. With hosts, after resolution every guest has its host
 * ({@code guestHosts}, by guest name: declared, else by {@code placement}) and every network its span; these are
 * final facts, the same for the same configuration, which build writes out and a plan works from.
 *
 * <p>Before resolution {@code guestHosts} holds only the declared {@code host} of guests, and {@code networks}
 * the declared {@code home}/{@code vni} of each network (see {@link NetworkSpan}).
 */
public record Topology(List<Host> hosts, Placement placement, Map<String, String> guestHosts,
                       List<NetworkSpan> networks) {

    public static final Topology NONE = new Topology(List.of(), Placement.SPREAD, Map.of(), List.of());

    public Topology {
        hosts = List.copyOf(hosts);
        guestHosts = Map.copyOf(guestHosts);
        networks = List.copyOf(networks);
    }

    /** True when the site declares {@code hosts}. */
    public boolean declared() {
        return !hosts.isEmpty();
    }

    /** True when the site spreads over more than one host. */
    public boolean multiHost() {
        return hosts.size() > 1;
    }

    public Optional<Host> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** The host a guest is on (after resolution, every guest of a site with hosts has one). */
    public Optional<String> hostOf(String guest) {
        return Optional.ofNullable(guestHosts.get(guest));
    }

    public Optional<NetworkSpan> network(String name) {
        return networks.stream().filter(n -> n.network().equals(name)).findFirst();
    }

    /** The MTU of a guest interface on {@code network}: present on a stretched network whose MTU is not 1500. */
    public Optional<Integer> nicMtu(String network) {
        return network(network).flatMap(NetworkSpan::nicMtu);
    }
}
