package org.miniascape.validate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.miniascape.model.Guest;
import org.miniascape.model.Host;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;
import org.miniascape.model.NetworkSpan;
import org.miniascape.model.Nic;
import org.miniascape.model.Placement;
import org.miniascape.model.Site;
import org.miniascape.model.Topology;

/**
 * Completes the topology of a validated site with {@code hosts}: the host of every guest, the span, VNI and MTU
 * of every network. The same configuration always gives the same result.
 *
 * <ul>
 * <li>Guests: those that name their {@code host} first (configuration order), then the others in configuration
 *     order by {@link Placement}. A host's declared {@code memory}/{@code vcpus} is never exceeded: a guest that
 *     fits nowhere, or named guests that overfill their host, is a problem.</li>
 * <li>Networks: {@code home} as declared, else the first host; the span is the home and every host with a guest
 *     that has an interface on the network, in {@code hosts} order.</li>
 * <li>VNI (networks not of mode bridge): as given, else the first three bytes of SHA-256 of {@code SITE/NETWORK}
 *     (a counter appended, {@code SITE/NETWORK/1} …, while the value is 0 or another network's).</li>
 * <li>MTU of a stretched network: the network's {@code mtu} when given (a problem when the VXLAN link cannot
 *     carry it: over the smallest {@code underlay_mtu} of its hosts less 50), else 1500 lowered to fit (1450 over
 *     a 1500 underlay). When that is not 1500 it is the network's MTU on every host and each guest interface's.</li>
 * </ul>
 */
public final class TopologyResolver {
    private final Site site;
    private final Topology declared;
    private final Problems problems;

    private TopologyResolver(Site site, Problems problems) {
        this.site = site;
        this.declared = site.topology();
        this.problems = problems;
    }

    /** The site with its topology resolved; a site without hosts gets {@link Topology#NONE}. */
    public static Site resolve(Site site, Problems problems) {
        if (!site.topology().declared()) {
            return new Site(site.name(), site.domain(), site.networks(), site.storagePools(), site.guests());
        }
        return new TopologyResolver(site, problems).run();
    }

    /** Memory and vCPUs placed on a host so far. */
    private static final class Load {
        long memory;
        long vcpus;

        boolean fits(Host h, Guest g) {
            return h.memoryMib().map(m -> memory + g.hardware().memoryMib() <= m).orElse(true)
                    && h.vcpus().map(v -> vcpus + g.hardware().vcpus() <= v).orElse(true);
        }

        void add(Guest g) {
            memory += g.hardware().memoryMib();
            vcpus += g.hardware().vcpus();
        }
    }

    private Site run() {
        Map<String, String> placed = place(site.guests(), declared, problems);
        List<NetworkSpan> spans = new ArrayList<>();
        Map<String, Integer> vnis = vnis();
        List<Network> networks = new ArrayList<>();
        for (Network n : site.networks()) {
            NetworkSpan d = declared.network(n.name()).orElseThrow();
            String home = d.home().isEmpty() ? declared.hosts().get(0).name() : d.home();
            Set<String> on = new HashSet<>(List.of(home));
            for (Guest g : site.guests()) {
                if (g.nics().stream().map(Nic::network).anyMatch(n.name()::equals) && placed.containsKey(g.name())) {
                    on.add(placed.get(g.name()));
                }
            }
            List<String> hosts = declared.hosts().stream().map(Host::name).filter(on::contains).toList();
            OptionalInt vni = vnis.containsKey(n.name()) ? OptionalInt.of(vnis.get(n.name())) : OptionalInt.empty();
            Optional<Integer> mtu = Optional.empty();
            Network resolved = n;
            if (hosts.size() > 1 && vni.isPresent()) {
                int underlay = declared.hosts().stream().filter(h -> on.contains(h.name())).mapToInt(Host::underlayMtu)
                        .min().orElseThrow();
                int carried = underlay - NetworkSpan.VXLAN_OVERHEAD;
                int effective = n.mtu().orElse(Math.min(1500, carried));
                if (effective > carried) {
                    problems.add(n.origin().of("mtu"), "mtu " + effective + " of network '" + n.name() + "' is more"
                            + " than its VXLAN link between hosts " + String.join(", ", hosts) + " carries: " + underlay
                            + " (the smallest 'underlay_mtu' of those hosts) less " + NetworkSpan.VXLAN_OVERHEAD
                            + " bytes of VXLAN over IPv4 is " + carried + "; lower 'mtu', or raise the hosts'"
                            + " 'underlay_mtu' where the underlay carries more");
                }
                if (effective != 1500) {
                    mtu = Optional.of(effective);
                    resolved = n.withMtu(effective);
                }
            }
            spans.add(new NetworkSpan(n.name(), home, hosts, vni, mtu));
            networks.add(resolved);
        }
        return new Site(site.name(), site.domain(), List.copyOf(networks), site.storagePools(), site.guests(),
                new Topology(declared.hosts(), declared.placement(), placed, spans));
    }

    /**
     * Every guest's host: named ones as named, then the rest by the placement rule; public for the placement's
     * property tests. A guest that fits on no host, or a named guest beyond its host's capacity, is a problem
     * (and is left out of the result).
     */
    public static Map<String, String> place(List<Guest> guests, Topology topology, Problems problems) {
        Map<String, Load> loads = new LinkedHashMap<>();
        topology.hosts().forEach(h -> loads.put(h.name(), new Load()));
        Map<String, String> placed = new LinkedHashMap<>();
        for (Guest g : guests) {
            Optional<String> named = topology.hostOf(g.name());
            if (named.isEmpty()) {
                continue;
            }
            Host h = topology.host(named.get()).orElseThrow();
            Load load = loads.get(h.name());
            if (!load.fits(h, g)) {
                problems.add(g.origin().of("host"), "guest '" + g.name() + "' does not fit on host '" + h.name()
                        + "': with the guests named there before it, it would need " + (load.memory
                        + g.hardware().memoryMib()) + " MiB of memory and " + (load.vcpus + g.hardware().vcpus())
                        + " vCPUs, and the host has " + capacity(h) + "; name another host, or leave out 'host'");
            }
            load.add(g);
            placed.put(g.name(), h.name());
        }
        for (Guest g : guests) {
            if (placed.containsKey(g.name()) || topology.hostOf(g.name()).isPresent()) {
                continue;
            }
            Host chosen = null;
            for (Host h : topology.hosts()) {
                Load load = loads.get(h.name());
                if (!load.fits(h, g)) {
                    continue;
                }
                if (chosen == null) {
                    chosen = h;
                    if (topology.placement() == Placement.PACK) {
                        break;
                    }
                    continue;
                }
                Load best = loads.get(chosen.name());
                if (load.memory < best.memory || (load.memory == best.memory && load.vcpus < best.vcpus)) {
                    chosen = h;
                }
            }
            if (chosen == null) {
                problems.add(g.origin().at(), "guest '" + g.name() + "' (" + g.hardware().memoryMib() + " MiB, "
                        + g.hardware().vcpus() + " vCPUs) fits on no host: " + String.join("; ", topology.hosts()
                        .stream().map(h -> h.name() + " has " + capacity(h) + ", " + loads.get(h.name()).memory
                                + " MiB and " + loads.get(h.name()).vcpus + " vCPUs of it placed").toList())
                        + "; raise a host's 'memory'/'vcpus', add a host, or give guests 'host'");
                continue;
            }
            loads.get(chosen.name()).add(g);
            placed.put(g.name(), chosen.name());
        }
        return placed;
    }

    private static String capacity(Host h) {
        return h.memoryMib().map(m -> m + " MiB").orElse("unlimited memory") + " and "
                + h.vcpus().map(v -> v + " vCPUs").orElse("unlimited vCPUs");
    }

    /** Given VNIs as given; the others derived in network order, avoiding 0 and every VNI taken before. */
    private Map<String, Integer> vnis() {
        Set<Integer> taken = new HashSet<>();
        Map<String, Integer> vnis = new HashMap<>();
        for (NetworkSpan d : declared.networks()) {
            d.vni().ifPresent(v -> {
                taken.add(v);
                vnis.put(d.network(), v);
            });
        }
        for (Network n : site.networks()) {
            if (n.mode() == NetworkMode.BRIDGE || vnis.containsKey(n.name())) {
                continue;
            }
            vnis.put(n.name(), deriveVni(site.name(), n.name(), taken));
        }
        return vnis;
    }

    /** The first three bytes of SHA-256 of {@code SITE/NETWORK[/ATTEMPT]} that are neither 0 nor taken. */
    public static int deriveVni(String siteName, String network, Set<Integer> taken) {
        for (int attempt = 0; ; attempt++) {
            byte[] h = sha256(siteName + "/" + network + (attempt == 0 ? "" : "/" + attempt));
            int vni = ((h[0] & 0xff) << 16) | ((h[1] & 0xff) << 8) | (h[2] & 0xff);
            if (vni != 0 && taken.add(vni)) {
                return vni;
            }
        }
    }

    private static byte[] sha256(String input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
