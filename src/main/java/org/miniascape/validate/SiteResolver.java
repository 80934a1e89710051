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

/**
 * Completes a validated site: every disk's backing (see {@link #resolveDisks}), the final addresses of every
 * interface ({@link Nic#withAddresses}) and host reservation ({@link Reservation#withIp}): the declared ones, else
 * MACs derived from (site, guest, interface index) and addresses from each network's static pool (an interface on a
 * network without a subnet gets none); and every network's final bridge and full list of reservations
 * ({@link Network#withResolved}): the declared bridge, else a name generated from the network's. The same input
 * always gives the same result: derivation is by hash, allocation in configuration order. A host that gets no
 * address (a problem) is left out of its network.
 */
public final class SiteResolver {
    /** QEMU/KVM's locally administered OUI, as libvirt uses for its own generated MACs. */
    static final long KVM_OUI = 0x525400L << 24;

    private final Site site;
    private final Problems problems;
    private final Set<MacAddress> usedMacs = new HashSet<>();
    /** Per network: the addresses taken (gateway, declared reservations) and the next candidate. */
    private final Map<String, Set<Ipv4>> usedIps = new HashMap<>();
    /** Per network: the addresses the configuration itself names (gateway, explicit ips). */
    private final Map<String, Set<Ipv4>> declaredIps = new HashMap<>();

    private SiteResolver(Site site, Problems problems) {
        this.site = site;
        this.problems = problems;
    }

    public static Site resolve(Site declared, Problems problems) {
        return new SiteResolver(declared, problems).run();
    }

    private Site run() {
        collectDeclared();
        // Hosts first (network order), then guests (configuration order): both deterministic.
        Map<String, List<Reservation>> reservations = new HashMap<>();
        for (Network n : site.networks()) {
            List<Reservation> list = new ArrayList<>();
            for (Reservation r : n.reservations()) {
                r.declaredIp().or(() -> allocate(n, r.name(), r.origin().at())).ifPresent(ip -> list.add(r.withIp(ip)));
            }
            reservations.put(n.name(), list);
        }
        List<Guest> guests = new ArrayList<>();
        for (Guest g : site.guests()) {
            List<Nic> nics = new ArrayList<>();
            for (int i = 0; i < g.nics().size(); i++) {
                Nic nic = g.nics().get(i);
                Network n = site.network(nic.network()).orElseThrow();
                int index = i;
                MacAddress mac = nic.declaredMac().orElseGet(() -> deriveMac(g.name(), index));
                Optional<Ipv4> ip = nic.declaredIp();
                if (ip.isEmpty() && n.cidr().isPresent()) {
                    ip = allocate(n, g.name(), nic.origin().at());
                }
                nics.add(nic.withAddresses(mac, ip));
                if (ip.isPresent()) {
                    reservations.get(n.name()).add(new Reservation(g.name(), mac, nic.declaredIp(), ip, true,
                            nic.origin(), nic.dnsNameOf(g.name())));
                }
            }
            guests.add(resolveDisks(g.withNics(List.copyOf(nics)), site));
        }
        List<Network> networks = new ArrayList<>();
        Set<String> bridges = new HashSet<>();
        site.networks().forEach(n -> n.declaredBridge().ifPresent(bridges::add));
        for (Network n : site.networks()) {
            List<Reservation> list = reservations.get(n.name());
            list.sort(Comparator.comparing(Reservation::ip));
            String bridge = n.declaredBridge().orElseGet(() -> bridgeName(n.name(), bridges));
            networks.add(n.withResolved(bridge, List.copyOf(list)));
        }
        return new Site(site.name(), site.domain(), List.copyOf(networks), site.storagePools(), List.copyOf(guests),
                site.topology());
    }

    /**
     * The guest with its final disks, the ones it is built with: each disk's declared backing resolved to its
     * path and format, and for cloud-init and import the first disk an overlay of {@code install.image} unless
     * it names its own backing (the image stays untouched and shared). Every disk's pool is in {@code site}
     * (validated before). The result depends only on the declared fields, so resolving again changes nothing;
     * public for sites built in code rather than loaded.
     */
    public static Guest resolveDisks(Guest guest, Site site) {
        Install install = guest.install();
        List<Disk> disks = new ArrayList<>();
        for (int i = 0; i < guest.disks().size(); i++) {
            Disk d = guest.disks().get(i);
            Optional<String> name = d.declaredBacking();
            if (i == 0 && name.isEmpty() && install.method().imageBased()) {
                name = install.image();
            }
            disks.add(d.withBacking(name.map(b -> new Backing(b, backingPath(b, d, site), backingFormat(b)))));
        }
        return guest.withDisks(List.copyOf(disks));
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
    static String backingPath(String backing, Disk disk, Site site) {
        if (backing.startsWith("/")) {
            return backing;
        }
        String dir = site.storagePool(disk.pool()).orElseThrow().path();
        return dir.endsWith("/") ? dir + backing : dir + "/" + backing;
    }

    private void collectDeclared() {
        for (Network n : site.networks()) {
            Set<Ipv4> used = new HashSet<>();
            n.gateway().ifPresent(used::add);
            for (Reservation r : n.reservations()) {
                usedMacs.add(r.mac());
                r.declaredIp().ifPresent(used::add);
            }
            usedIps.put(n.name(), used);
        }
        for (Guest g : site.guests()) {
            for (Nic nic : g.nics()) {
                nic.declaredMac().ifPresent(usedMacs::add);
                nic.declaredIp().ifPresent(ip -> usedIps.get(nic.network()).add(ip));
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
    private Optional<Ipv4> allocate(Network n, String who, org.miniascape.model.SourcePosition at) {
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

    private long countNeedingAllocation(Network n) {
        long hosts = n.reservations().stream().filter(r -> r.declaredIp().isEmpty()).count();
        long nics = site.guests().stream().flatMap(g -> g.nics().stream())
                .filter(nic -> nic.network().equals(n.name()) && nic.declaredIp().isEmpty()).count();
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
