package org.miniascape.validate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miniascape.model.AddressRange;
import org.miniascape.model.Backing;
import org.miniascape.model.Dhcp;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Ipv4;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;
import org.miniascape.model.StoragePool;
import org.miniascape.model.declared.DeclaredDisk;
import org.miniascape.model.declared.DeclaredGuest;
import org.miniascape.model.declared.DeclaredHost;
import org.miniascape.model.declared.DeclaredNetwork;
import org.miniascape.model.declared.DeclaredNic;
import org.miniascape.model.declared.DeclaredSite;

/**
 * Makes the resolved {@link Site} of a validated {@link DeclaredSite}: every disk's backing (see
 * {@link #resolveDisks}), the final addresses of every interface and host reservation: the declared ones, else MACs
 * derived from (site, guest, interface index) and addresses from each network's static pool (an interface on a
 * network without a subnet gets none); and every network's final bridge and full list of reservations: the declared
 * bridge, else a name generated from the network's. The same input always gives the same result: derivation is by
 * hash, allocation in configuration order. A host that gets no address (a problem) is left out of its network.
 */
public final class SiteResolver {
    /** QEMU/KVM's locally administered OUI, as libvirt uses for its own generated MACs. */
    static final long KVM_OUI = 0x525400L << 24;

    private final DeclaredSite site;
    private final Problems problems;
    private final Set<MacAddress> usedMacs = new HashSet<>();
    /** Per network: the addresses taken (gateway, declared reservations) and the next candidate. */
    private final Map<String, Set<Ipv4>> usedIps = new HashMap<>();
    /** Per network: the addresses the configuration itself names (gateway, explicit ips). */
    private final Map<String, Set<Ipv4>> declaredIps = new HashMap<>();

    private SiteResolver(DeclaredSite site, Problems problems) {
        this.site = site;
        this.problems = problems;
    }

    public static Site resolve(DeclaredSite declared, Problems problems) {
        return new SiteResolver(declared, problems).run();
    }

    private Site run() {
        collectDeclared();
        // Hosts first (network order), then guests (configuration order): both deterministic.
        Map<String, List<Reservation>> reservations = new HashMap<>();
        for (DeclaredNetwork n : site.networks()) {
            List<Reservation> list = new ArrayList<>();
            for (DeclaredHost h : n.hosts()) {
                h.ip().or(() -> allocate(n, h.name(), h.origin().at()))
                        .ifPresent(ip -> list.add(new Reservation(h.name(), h.mac(), ip, false, h.origin())));
            }
            reservations.put(n.name(), list);
        }
        List<Guest> guests = new ArrayList<>();
        for (DeclaredGuest g : site.guests()) {
            List<Nic> nics = new ArrayList<>();
            for (int i = 0; i < g.nics().size(); i++) {
                DeclaredNic nic = g.nics().get(i);
                DeclaredNetwork n = site.network(nic.network()).orElseThrow();
                int index = i;
                MacAddress mac = nic.mac().orElseGet(() -> deriveMac(g.name(), index));
                Optional<Ipv4> ip = nic.ip();
                if (ip.isEmpty() && n.cidr().isPresent()) {
                    ip = allocate(n, g.name(), nic.origin().at());
                }
                nics.add(new Nic(nic.network(), mac, ip, nic.model(), nic.bootproto(), nic.origin(), nic.dnsName(),
                        nic.dns(), nic.nameservers()));
                ip.ifPresent(a -> reservations.get(n.name()).add(new Reservation(g.name(), mac, a, true,
                        nic.origin(), nic.dnsNameOf(g.name()))));
            }
            List<Disk> disks = new ArrayList<>();
            for (int i = 0; i < g.disks().size(); i++) {
                DeclaredDisk d = g.disks().get(i);
                disks.add(new Disk(d.volume(), d.pool(), d.sizeGib(), d.bus(), d.format(), d.cache(), d.shareable(),
                        d.readOnly(), d.backing(), backing(d.backing(), i, g.install(), d.pool(), site.storagePools()),
                        d.origin()));
            }
            guests.add(new Guest(g.name(), g.group(), g.description(), g.hardware(), g.localization(), g.access(),
                    g.software(), List.copyOf(disks), List.copyOf(nics), g.install(), g.templates(), g.settings(),
                    g.origin(), g.setupData()));
        }
        List<Network> networks = new ArrayList<>();
        Set<String> bridges = new HashSet<>();
        site.networks().forEach(n -> n.bridge().ifPresent(bridges::add));
        for (DeclaredNetwork n : site.networks()) {
            List<Reservation> list = reservations.get(n.name());
            list.sort(Comparator.comparing(Reservation::ip));
            String bridge = n.bridge().orElseGet(() -> bridgeName(n.name(), bridges));
            networks.add(new Network(n.name(), n.description(), n.mode(), bridge, n.domain(), n.cidr(), n.gateway(),
                    n.dhcp(), n.dhcpBackend(), n.forwardDevice(), n.mtu(), n.autostart(), n.dnsForwarders(),
                    n.dnsHosts(), List.copyOf(list), n.origin()));
        }
        return new Site(site.name(), site.domain(), List.copyOf(networks), site.storagePools(), List.copyOf(guests),
                site.topology());
    }

    /**
     * The guest of a site built in code rather than loaded, with its final disks, as the loader's resolver gives
     * them: see {@link #backing}. Every disk's pool is in {@code site}. The result depends only on each disk's
     * declared backing, so resolving again changes nothing.
     */
    public static Guest resolveDisks(Guest guest, Site site) {
        List<Disk> disks = new ArrayList<>();
        for (int i = 0; i < guest.disks().size(); i++) {
            Disk d = guest.disks().get(i);
            disks.add(d.withBacking(backing(d.declaredBacking(), i, guest.install(), d.pool(), site.storagePools())));
        }
        return guest.withDisks(List.copyOf(disks));
    }

    /**
     * The image the disk at {@code index} of a guest is an overlay of: its declared backing resolved to its path
     * and format, or for cloud-init and import the first disk's {@code install.image} unless it names its own
     * backing (the image stays untouched and shared). The disk's pool is among {@code pools} (validated before).
     */
    private static Optional<Backing> backing(Optional<String> declared, int index, Install install, String pool,
                                             List<StoragePool> pools) {
        Optional<String> name = declared;
        if (index == 0 && name.isEmpty() && install.method().imageBased()) {
            name = install.image();
        }
        return name.map(b -> new Backing(b, backingPath(b, pool, pools), backingFormat(b)));
    }

    /**
     * The image format of a backing volume, which must be declared since libvirt 6.0. Only the name tells it
     * before the volume is read: {@code .raw} and {@code .iso} are raw, everything else (cloud images are
     * qcow2 even when named .img) qcow2.
     */
    static String backingFormat(String backing) {
        return backing.endsWith(".raw") || backing.endsWith(".iso") ? "raw" : "qcow2";
    }

    /** Where a disk's backing image is: an absolute path as it is, a volume name in the disk's pool's directory. */
    static String backingPath(String backing, String pool, List<StoragePool> pools) {
        if (backing.startsWith("/")) {
            return backing;
        }
        String dir = pools.stream().filter(p -> p.name().equals(pool)).findFirst().orElseThrow().path();
        return dir.endsWith("/") ? dir + backing : dir + "/" + backing;
    }

    private void collectDeclared() {
        for (DeclaredNetwork n : site.networks()) {
            Set<Ipv4> used = new HashSet<>();
            n.gateway().ifPresent(used::add);
            for (DeclaredHost h : n.hosts()) {
                usedMacs.add(h.mac());
                h.ip().ifPresent(used::add);
            }
            usedIps.put(n.name(), used);
        }
        for (DeclaredGuest g : site.guests()) {
            for (DeclaredNic nic : g.nics()) {
                nic.mac().ifPresent(usedMacs::add);
                nic.ip().ifPresent(ip -> usedIps.get(nic.network()).add(ip));
            }
        }
        usedIps.forEach((net, ips) -> declaredIps.put(net, Set.copyOf(ips)));
    }

    /**
     * 52:54:00 + three bytes of SHA-256(site/guest/index); on a collision the hash input gets a counter, so
     * the result depends only on the configuration.
     */
    MacAddress deriveMac(String guest, int index) {
        for (int attempt = 0; ; attempt++) {
            String input = site.name() + "/" + guest + "/" + index + (attempt == 0 ? "" : "/" + attempt);
            byte[] h = sha256(input);
            long low = ((h[0] & 0xffL) << 16) | ((h[1] & 0xffL) << 8) | (h[2] & 0xffL);
            MacAddress mac = new MacAddress(KVM_OUI | low);
            if (usedMacs.add(mac)) {
                return mac;
            }
        }
    }

    /** The lowest free address of the network's static pool; a problem (and empty) when there is none. */
    private Optional<Ipv4> allocate(DeclaredNetwork n, String who, org.miniascape.model.SourcePosition at) {
        Optional<AddressRange> pool = n.dhcp().flatMap(Dhcp::staticPool);
        if (pool.isEmpty()) {
            problems.add(at, "'" + who + "' needs an address on network '" + n.name() + "': give 'ip', or a pool "
                    + "for reservations as 'dhcp: {static: {start: ..., end: ...}}' on the network");
            return Optional.empty();
        }
        Set<Ipv4> used = usedIps.get(n.name());
        AddressRange range = pool.get();
        for (long a = range.start().unsigned(); a <= range.end().unsigned(); a++) {
            Ipv4 candidate = new Ipv4((int) a);
            if (n.cidr().orElseThrow().containsHost(candidate) && used.add(candidate)) {
                return Optional.of(candidate);
            }
        }
        long needing = countNeedingAllocation(n);
        long free = range.size() - declaredIps.get(n.name()).stream().filter(range::contains).count();
        problems.add(at, "the static pool " + range + " of network '" + n.name() + "' is too small: " + needing
                + " reservations without an 'ip' need an address from it, and it has " + free
                + " not taken by explicit addresses; widen 'dhcp.static' or give addresses");
        return Optional.empty();
    }

    private long countNeedingAllocation(DeclaredNetwork n) {
        long hosts = n.hosts().stream().filter(h -> h.ip().isEmpty()).count();
        long nics = site.guests().stream().flatMap(g -> g.nics().stream())
                .filter(nic -> nic.network().equals(n.name()) && nic.ip().isEmpty()).count();
        return hosts + nics;
    }

    /** "mia-" + the network's name when it fits 15 characters, else a shortened name with a hash. */
    static String bridgeName(String network, Set<String> taken) {
        String clean = network.replaceAll("[^A-Za-z0-9_-]", "");
        String candidate = "mia-" + clean;
        for (int attempt = 0; candidate.length() > 15 || !taken.add(candidate); attempt++) {
            String hash = String.format("%04x", (sha256(network + "/" + attempt)[0] & 0xff) << 8
                    | (sha256(network + "/" + attempt)[1] & 0xff));
            candidate = "mia-" + clean.substring(0, Math.min(clean.length(), 6)) + "-" + hash;
        }
        return candidate;
    }

    private static byte[] sha256(String input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
