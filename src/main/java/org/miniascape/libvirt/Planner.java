package org.miniascape.libvirt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.miniascape.model.Guest;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import org.miniascape.model.StoragePool;
import org.miniascape.resolve.GuestVolumes;
import org.miniascape.xml.DhcpHostElement;
import org.miniascape.xml.DomainXml;
import org.miniascape.xml.NetworkXml;
import org.miniascape.xml.OwnerMark;
import org.miniascape.xml.PoolXml;
import org.miniascape.xml.VolumeXml;
import org.miniascape.xml.domain.DomainDefinition;

/**
 * Computes a {@link Plan}: reads the host (through a {@link HostReader}, which cannot change it) and decides
 * one action per object of the site. Ownership decides first: an object of a site's name that does not carry
 * this site's mark (see {@link OwnerMark}) is never changed — bringing a site up refuses it, taking one down
 * leaves it — unless it is adopted by name. Storage pools have no metadata: a pool miniascape defines gets a UUID
 * derived from the site instance and its name ({@link #poolUuid}), an adopted one a mark volume
 * ({@link #poolMarkVolume}). A volume is the site's in a pool made for the site, or when the mark of the domain it
 * was made for records it — which is why a domain is defined before its volumes are created.
 */
public final class Planner {
    /** Volumes named so in a pool mark it as a site's. */
    static final String POOL_MARK_SUFFIX = ".owner";
    static final String POOL_MARK_PREFIX = "miniascape-";

    private final HostReader host;
    private final HostProbe probe;
    private final Site site;
    private final Options options;
    private final String instance;
    private final Seeds seeds;
    private final Installer installer;
    private final Slice slice;
    private final Map<String, List<GuestVolumes.Volume>> volumes = new java.util.HashMap<>();
    /** The inactive XML of the domains of the plan being made, read together before it (withDomainsRead). */
    private Map<String, String> domainsRead = Map.of();
    /** POOL/VOLUME → the site's guests whose disks it is, in site order: two or more share it. */
    private final Map<String, List<String>> volumeUsers = new java.util.HashMap<>();

    /** The ids of the link actions planned (a site over several hosts): a guest's boot waits for its networks'. */
    private final Set<String> links = new HashSet<>();

    /**
     * Which part of a site over several hosts this planner plans (its site is then that host's slice of the site,
     * see {@link HostSet}): {@code host}'s name, the networks that are a bridge only there ({@code joined}: homed
     * on another host), the readers of the hosts whose dnsmasq serves the leases of each such network
     * ({@code leaseHosts}, by network), the host's VXLAN {@code links}, and the site's guests on other hosts
     * ({@code elsewhere}: guest name to its host), whose domains found here with the site's mark moved away, and
     * every host's {@code shells} (by host name: where a guest's SSH banner is read from, see {@link Readiness}).
     * {@link #WHOLE}: a site on one host.
     */
    public record Slice(String host, Set<String> joined, Map<String, HostReader> leaseHosts, Optional<Links> links,
                        Map<String, String> elsewhere, Map<String, HostShell> shells) {
        public static final Slice WHOLE = new Slice("", Set.of(), Map.of(), Optional.empty(), Map.of(), Map.of());

        public Slice {
            joined = Set.copyOf(joined);
            leaseHosts = Map.copyOf(leaseHosts);
            elsewhere = new java.util.TreeMap<>(elsewhere);
            shells = Map.copyOf(shells);
        }

        public Slice(String host, Set<String> joined, Map<String, HostReader> leaseHosts, Optional<Links> links,
                     Map<String, String> elsewhere) {
            this(host, joined, leaseHosts, links, elsewhere, Map.of());
        }
    }

    /**
     * Runs a kickstart or preseed guest's installer (virt-install from the files {@code build} writes) and
     * returns once it is started; the guest is then defined by virt-install and running its install.
     */
    public interface Installer {
        void install(String guest, java.util.function.Consumer<String> progress);

        Installer NONE = (g, p) -> {
            throw new IllegalStateException("no installer for guest " + g);
        };
    }

    /**
     * What a cloud-init guest's NoCloud seed holds (an ISO 9660 image of its cloud-init files), made when the
     * plan runs: the files are rendered above this package.
     */
    public interface Seeds {
        byte[] seed(Guest guest);

        /** For planners whose plans create no seed (reports): a plan that needs one fails at that step. */
        Seeds NONE = g -> {
            throw new IllegalStateException("no seed maker for guest " + g.name());
        };
    }

    /**
     * {@code force}: replace networks that differ beyond DHCP/DNS hosts, redefine domains changed by hand.
     * {@code adopt}: names (networks, pools, domains; volumes as POOL/VOLUME) of objects without this site's
     * mark to take over; {@code adoptAll}: every such object.
     */
    public record Options(boolean force, Set<String> adopt, boolean adoptAll, Optional<java.time.Duration> ready) {
        public static final Options DEFAULT = new Options(false, Set.of(), false);

        public Options {
            adopt = Set.copyOf(adopt);
        }

        public Options(boolean force, Set<String> adopt, boolean adoptAll) {
            this(force, adopt, adoptAll, Optional.empty());
        }

        /** The same options, waiting up to {@code timeout} for every started guest to be ready. */
        public Options waitingReady(java.time.Duration timeout) {
            return new Options(force, adopt, adoptAll, Optional.of(timeout));
        }

        boolean adopts(String name) {
            return adoptAll || adopt.contains(name);
        }
    }

    /**
     * Which of the site's objects a command brings up: {@code networks} (created when missing only with
     * {@code createNetworks}), {@code pools}, the volumes of {@code storageOf}'s guests, the domains of
     * {@code domains}, and the guests of {@code boot} started. {@code whole}: the whole site ({@code up},
     * {@code down}), which also takes care of the site's domains left on a host their guests moved away from.
     */
    public record Scope(List<Network> networks, boolean createNetworks, List<StoragePool> pools,
                        List<Guest> storageOf, List<Guest> domains, List<Guest> boot, boolean whole) {

        public Scope(List<Network> networks, boolean createNetworks, List<StoragePool> pools,
                     List<Guest> storageOf, List<Guest> domains, List<Guest> boot) {
            this(networks, createNetworks, pools, storageOf, domains, boot, false);
        }

        /**
         * The whole site, as {@code up} brings it: every guest started, a kickstart or preseed guest once its
         * installer has run.
         */
        public static Scope all(Site site) {
            return new Scope(site.networks(), true, site.storagePools(), site.guests(), site.guests(),
                    site.guests().stream().filter(g -> bootsAsIs(g) || g.install().method().installer()).toList(),
                    true);
        }

        public static Scope networks(List<Network> networks, boolean create) {
            return new Scope(networks, create, List.of(), List.of(), List.of(), List.of());
        }

        public static Scope storage(Site site, List<Guest> guests) {
            return new Scope(List.of(), false, site.storagePools(), guests, List.of(), List.of());
        }

        public static Scope guests(Site site, List<Guest> guests) {
            return new Scope(List.of(), false, site.storagePools(), guests, guests, List.of());
        }

        /** The guests' domains alone (undefined by {@code guest undefine}: their volumes stay). */
        public static Scope domains(List<Guest> guests) {
            return new Scope(List.of(), false, List.of(), List.of(), guests, List.of());
        }

        /** {@code guest install}: the guests' pools, volumes and domains, their installers run, and started. */
        public static Scope install(Site site, List<Guest> guests) {
            return new Scope(List.of(), false, site.storagePools(), guests, guests, guests);
        }

        public static Scope boot(List<Guest> guests) {
            return new Scope(List.of(), false, List.of(), List.of(), List.of(), guests);
        }
    }

    public Planner(HostReader host, HostProbe probe, Site site, Options options) {
        this(host, probe, site, options, Seeds.NONE, Installer.NONE);
    }

    public Planner(HostReader host, HostProbe probe, Site site, Options options, Seeds seeds, Installer installer) {
        this(host, probe, site, options, seeds, installer, Slice.WHOLE);
    }

    public Planner(HostReader host, HostProbe probe, Site site, Options options, Seeds seeds, Installer installer,
                   Slice slice) {
        this.slice = slice;
        this.host = host;
        this.probe = probe;
        this.site = site;
        this.options = options;
        this.instance = instanceId(site);
        this.seeds = seeds;
        this.installer = installer;
        for (Guest g : site.guests()) {
            for (org.miniascape.model.Disk d : g.disks()) {
                List<String> users = volumeUsers.computeIfAbsent(d.key(), k -> new ArrayList<>());
                if (!users.contains(g.name())) {
                    users.add(g.name());
                }
            }
        }
    }

    /** True for the install methods whose disk is ready to boot: {@code up} starts those guests. */
    public static boolean bootsAsIs(Guest g) {
        return g.install().method().bootsAsIs();
    }

    /**
     * The site instance's id, the same for every run: derived from the site's name and DNS domain, so two sites
     * that share both are one site to miniascape.
     */
    static String instanceId(Site site) {
        return UUID.nameUUIDFromBytes(("miniascape site " + site.name() + " " + site.domain())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The name of the volume that marks a pool as this site's. */
    public static String poolMarkVolume(String siteName) {
        return POOL_MARK_PREFIX + siteName + POOL_MARK_SUFFIX;
    }

    /**
     * Why the domain of a site guest may not be changed: empty when it is the site's own (or not defined), else
     * the refusal ("not created by miniascape for this site …; --adopt NAME takes it over").
     */
    public Optional<String> domainRefusal(String name) {
        DomainState d = domainState(name);
        return d.status().isEmpty() || d.claim().kind == Claim.Kind.OURS ? Optional.empty()
                : Optional.of("domain " + name + " " + d.claim().refusal(name));
    }

    /** A network's definition as miniascape gives it to libvirt, with this site's mark (for a new network). */
    public String markedNetworkXml(Network n) {
        return render(n, Optional.empty(), Optional.of(mark(digest(NetworkDefinition.parse(
                render(n, Optional.empty(), Optional.empty())).core()), List.of())));
    }

    /** The site this planner plans (a site over several hosts: its host's slice). */
    public Site site() {
        return site;
    }

    /** A network's definition here: the whole network, or a bridge only where it is joined to its home's. */
    private String render(Network n, Optional<String> uuid, Optional<OwnerMark> mark) {
        return slice.joined().contains(n.name()) ? NetworkXml.renderJoined(n, uuid, mark)
                : NetworkXml.render(n, uuid, mark);
    }

    /** A domain's definition as miniascape gives it to libvirt, with this site's mark (for a new domain). */
    public String markedDomainXml(Guest g) {
        return markedDomainXml(g, false);
    }

    /**
     * The same, its mark saying whether its installer has run ({@code installed="yes"}, as the install action leaves
     * it): a host holding the site as {@code up} left it, for the benchmarks and tests.
     */
    public String markedDomainXml(Guest g, boolean installed) {
        return GuestVolumes.domainXml(g, site, Optional.empty(), Optional.of(mark(digest(DomainFacts.of(g)
                .canonical()), createdVolumes(g)).withInstalled(installed)));
    }

    // ---------------------------------------------------------------- up

    /** Brings {@code scope} of the site up: every object created, updated or left as it is, or refused. */
    public Plan up(Scope scope) {
        return withDomainsRead(scope, () -> upActions(scope));
    }

    private Plan upActions(Scope scope) {
        List<Action> out = new ArrayList<>();
        List<Action> networks = new ArrayList<>();
        for (Network n : scope.networks()) {
            networks.add(network(n, scope.createNetworks()));
        }
        out.addAll(preflight(scope.networks(), networks));
        slice.links().ifPresent(l -> {
            Set<String> names = new HashSet<>();
            scope.networks().forEach(n -> names.add(n.name()));
            Set<String> restarted = new HashSet<>();
            out.stream().filter(a -> a.kind() == Action.Kind.NETWORK && a.steps().stream()
                    .anyMatch(st -> st instanceof Step.StartNetwork)).forEach(a -> restarted.add(a.name()));
            for (Action a : l.up(names, restarted)) {
                out.add(a);
                links.add(a.id());
            }
        });

        Map<String, PoolState> pools = new LinkedHashMap<>();
        for (StoragePool p : scope.pools()) {
            PoolState st = poolState(p.name());
            pools.put(p.name(), st);
            out.add(pool(p, st));
        }
        Map<String, DomainState> domains = new LinkedHashMap<>();
        Set<String> guestsWithDomains = new HashSet<>();
        scope.domains().forEach(g -> guestsWithDomains.add(g.name()));
        Set<String> seenVolumes = new HashSet<>();
        for (Guest g : scope.storageOf()) {
            DomainState d = domains.computeIfAbsent(g.name(), this::domainState);
            if (guestsWithDomains.contains(g.name())) {
                out.add(domain(g, d));
            }
            for (GuestVolumes.Volume v : volumesOf(g)) {
                PoolState ps = pools.computeIfAbsent(v.pool(), this::poolState);
                v.base().ifPresent(b -> {
                    if (seenVolumes.add(v.pool() + "/" + b)) {
                        out.add(readOnlyVolume(v.pool(), b, ps, "the base image of " + g.name()));
                    }
                });
                if (v.mustExist()) {
                    if (seenVolumes.add(v.pool() + "/" + v.name())) {
                        out.add(readOnlyVolume(v.pool(), v.name(), ps, "the disk image " + g.name() + " imports"));
                    }
                    continue;
                }
                // A volume several guests share is created once, for the first of them in the plan.
                if (seenVolumes.add(v.pool() + "/" + v.name())) {
                    out.add(volume(g, v, ps, d, guestsWithDomains.contains(g.name())));
                }
            }
        }
        for (Guest g : scope.domains()) {
            if (!domains.containsKey(g.name())) {
                out.add(domain(g, domains.computeIfAbsent(g.name(), this::domainState)));
            }
        }
        if (scope.whole()) { // guests that moved to another host
            slice.elsewhere().forEach((name, to) -> moved(name, to).ifPresent(out::add));
        }
        Set<String> planned = new HashSet<>();
        out.stream().filter(a -> a.type() != Action.Type.REFUSE).forEach(a -> planned.add(a.id()));
        List<String> boots = new ArrayList<>();
        for (Guest g : scope.boot()) {
            DomainState d = domains.computeIfAbsent(g.name(), this::domainState);
            Optional<Action> install = g.install().method().installer() ? Optional.of(install(g, d, planned))
                    : Optional.empty();
            install.ifPresent(out::add);
            install.filter(a -> a.type() != Action.Type.REFUSE).ifPresent(a -> planned.add(a.id()));
            Action boot = boot(g, d, planned);
            out.add(boot);
            if (boot.type() != Action.Type.REFUSE) {
                boots.add(boot.id());
            }
        }
        if (options.ready().isPresent()) {
            for (Guest g : scope.boot()) {
                // A guest installed by 'none' boots whatever its disk holds: nothing says it ever gets ready.
                if (g.install().method() != org.miniascape.model.Install.Method.NONE
                        && boots.contains(Action.id(Action.Kind.BOOT, g.name()))) {
                    out.add(ready(g, domains.get(g.name()), boots, options.ready().get()));
                }
            }
        }
        return new Plan(host.uri(), site.name(), out);
    }

    /** What bringing up a network that is defined would do, without preflight: for status reports. */
    public Action network(Network n) {
        return network(n, false);
    }

    /** True when the network is defined and carries this site's mark. */
    public boolean ownsNetwork(String name) {
        return host.network(name).isPresent() && claim(OwnerMark.read(host.networkXml(name, true))).kind
                == Claim.Kind.OURS;
    }

    /** A site network: created, updated live, redefined, replaced (--force), left as it is, or refused. */
    private Action network(Network n, boolean create) {
        String id = Action.id(Action.Kind.NETWORK, n.name());
        NetworkDefinition desired = NetworkDefinition.parse(render(n, Optional.empty(), Optional.empty()));
        String digest = digest(desired.core());
        Optional<NetworkStatus> status = host.network(n.name());
        if (status.isEmpty()) {
            if (!create) {
                return refuse(Action.Kind.NETWORK, n.name(), "not defined; 'miniascape net register " + n.name()
                        + "' creates it", List.of());
            }
            String xml = render(n, Optional.empty(), Optional.of(mark(digest, List.of())));
            return new Action(id, Action.Kind.NETWORK, n.name(), Action.Type.CREATE, "not defined", List.of(),
                    List.of(), List.of(new Step.DefineNetwork(xml), new Step.NetworkAutostart(n.name(), n.autostart()),
                            new Step.StartNetwork(n.name())));
        }
        NetworkStatus s = status.get();
        NetworkDefinition config = NetworkDefinition.parse(host.networkXml(n.name(), true)); // parsed once
        Claim claim = claim(config.mark());
        boolean adopting = claim.kind != Claim.Kind.OURS;
        if (adopting && !options.adopts(n.name())) {
            return refuse(Action.Kind.NETWORK, n.name(), claim.refusal(n.name()), List.of());
        }
        NetworkDefinition live = s.active() ? NetworkDefinition.parse(host.networkXml(n.name(), false)) : config;
        String markedXml = render(n, config.uuid(), Optional.of(mark(digest, List.of())));
        String byHand = !adopting && !claim.digest().equals(digest(config.core()))
                ? "; changed by hand since miniascape defined it" : "";
        String adopt = adopting ? "adopted (" + claim.description() + "): its mark is written; " : "";
        List<Step> tail = new ArrayList<>();
        if (s.autostart() != n.autostart()) {
            tail.add(new Step.NetworkAutostart(n.name(), n.autostart()));
        }
        boolean configDiffers = !config.core().equals(desired.core());
        if (configDiffers || !live.core().equals(desired.core())) {
            List<String> diff = new ArrayList<>(TextDiff.diff(configDiffers ? config.core() : live.core(),
                    desired.core(), 2));
            if (!configDiffers) {
                diff.add(0, "(the running network differs from its config, which matches the site: it needs a"
                        + " restart)");
            }
            if (!s.active()) {
                List<Step> steps = new ArrayList<>(List.of(new Step.DefineNetwork(markedXml)));
                steps.add(new Step.NetworkAutostart(n.name(), n.autostart()));
                steps.add(new Step.StartNetwork(n.name()));
                return new Action(id, Action.Kind.NETWORK, n.name(), Action.Type.REDEFINE, adopt
                        + "differs beyond DHCP/DNS hosts and is not running" + byHand, diff, List.of(), steps);
            }
            List<String> attached = attachedGuests(n.name(), s.bridge());
            String cut = attached.isEmpty() ? "" : ", cutting off running guests " + String.join(", ", attached);
            if (!options.force()) {
                return refuse(Action.Kind.NETWORK, n.name(), adopt + "differs beyond DHCP/DNS hosts" + byHand
                        + "; --force redefines and restarts it" + cut, diff);
            }
            return new Action(id, Action.Kind.NETWORK, n.name(), Action.Type.REPLACE, adopt
                    + "differs beyond DHCP/DNS hosts" + byHand + "; restarted" + cut, diff, List.of(),
                    List.of(new Step.StopNetwork(n.name()), new Step.DefineNetwork(markedXml),
                            new Step.NetworkAutostart(n.name(), n.autostart()), new Step.StartNetwork(n.name())));
        }
        List<Step> steps = new ArrayList<>();
        List<NetworkUpdate> updates = new ArrayList<>();
        if (adopting) {
            // The definition with the mark (and the site's hosts) replaces the config; the running network takes
            // the host changes live.
            steps.add(new Step.DefineNetwork(markedXml));
            if (s.active()) {
                HostUpdates.plan(live, desired).forEach(u -> updates.add(u.in(NetworkUpdate.Scope.LIVE)));
            }
        } else if (sameHosts(live, config)) {
            updates.addAll(HostUpdates.plan(config, desired));
        } else {
            HostUpdates.plan(config, desired).forEach(u -> updates.add(u.in(NetworkUpdate.Scope.CONFIG)));
            HostUpdates.plan(live, desired).forEach(u -> updates.add(u.in(NetworkUpdate.Scope.LIVE)));
        }
        updates.forEach(u -> steps.add(new Step.UpdateNetwork(n.name(), u)));
        steps.addAll(tail);
        if (!s.active()) {
            steps.add(new Step.StartNetwork(n.name()));
        }
        List<String> diff = updates.stream().map(u -> (u.command() == NetworkUpdate.Command.DELETE ? "- " : "+ ")
                + u.describe()).toList();
        if (steps.isEmpty()) {
            return new Action(id, Action.Kind.NETWORK, n.name(), Action.Type.NONE, "the same as the site"
                    + byHand, List.of(), List.of(), List.of());
        }
        List<String> notes = updates.isEmpty() || !s.active() ? List.of() : staleLeases(n.name(), desired);
        List<String> what = new ArrayList<>();
        if (!updates.isEmpty()) {
            boolean split = updates.stream().anyMatch(u -> u.scope() != NetworkUpdate.Scope.BOTH);
            what.add(updateSummary(updates) + (split && !adopting ? "; its config and the running network differed,"
                    + " each brought to the site" : ""));
        }
        tail.forEach(t -> what.add(t.text()));
        if (!s.active()) {
            what.add("start");
        }
        List<String> allDiff = new ArrayList<>(diff);
        allDiff.addAll(notes);
        return new Action(id, Action.Kind.NETWORK, n.name(), adopting ? Action.Type.REDEFINE : Action.Type.UPDATE_LIVE,
                adopt + String.join(", ", what) + byHand, allDiff, List.of(), steps);
    }

    /** Preflight's conflicts turn the networks they concern into refusals, each with every reason found. */
    private List<Action> preflight(List<Network> networks, List<Action> actions) {
        List<Preflight.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            Action a = actions.get(i);
            if (a.type() == Action.Type.REFUSE && a.reason().startsWith("not defined")) {
                continue;
            }
            // A network joined to its home's is a bridge only: no dnsmasq of its own to bind.
            candidates.add(new Preflight.Candidate(networks.get(i), !slice.joined().contains(a.name())
                    && (a.type() == Action.Type.CREATE || a.type() == Action.Type.REPLACE
                            || a.type() == Action.Type.REDEFINE && a.steps().stream()
                            .anyMatch(st -> st instanceof Step.StartNetwork))));
        }
        Map<String, List<String>> conflicts = candidates.isEmpty() ? Map.of()
                : new Preflight(host, probe).conflicts(site, slice.elsewhere().keySet(), candidates);
        List<Action> out = new ArrayList<>();
        for (Action a : actions) {
            List<String> c = conflicts.getOrDefault(a.name(), List.of());
            if (c.isEmpty()) {
                out.add(a);
            } else {
                String before = a.type() == Action.Type.REFUSE ? a.reason() + "; " : "";
                out.add(new Action(a.id(), a.kind(), a.name(), Action.Type.REFUSE, before + "preflight: "
                        + String.join("; ", c), a.diff(), a.dependsOn(), List.of()));
            }
        }
        return out;
    }

    private static boolean sameHosts(NetworkDefinition a, NetworkDefinition b) {
        return new HashSet<>(a.dhcpHosts()).equals(new HashSet<>(b.dhcpHosts()))
                && new HashSet<>(a.dnsHosts()).equals(new HashSet<>(b.dnsHosts()));
    }

    private static String updateSummary(List<NetworkUpdate> updates) {
        long dhcp = updates.stream().filter(u -> u.section() == NetworkUpdate.Section.IP_DHCP_HOST).count();
        long dns = updates.size() - dhcp;
        List<String> parts = new ArrayList<>();
        if (dhcp > 0) {
            parts.add(dhcp + (dhcp == 1 ? " DHCP host change" : " DHCP host changes"));
        }
        if (dns > 0) {
            parts.add(dns + (dns == 1 ? " DNS host change" : " DNS host changes"));
        }
        return String.join(", ", parts);
    }

    /** Leases that conflict with the desired reservations: a reserved address leased to another MAC. */
    private List<String> staleLeases(String network, NetworkDefinition desired) {
        List<String> out = new ArrayList<>();
        for (DhcpLease l : host.leases(network)) {
            for (DhcpHostElement h : desired.dhcpHosts()) {
                if (h.ip().isPresent() && h.ip().get().equals(l.ip()) && h.mac().isPresent()
                        && l.mac() != null && !h.mac().get().equalsIgnoreCase(l.mac())) {
                    out.add("! " + l.ip() + " is reserved for " + h.mac().get() + " but leased to " + l.mac()
                            + " until " + java.time.Instant.ofEpochSecond(l.expiry())
                            + "; dnsmasq hands it over only when that lease ends (release it on that client)");
                }
            }
        }
        return out;
    }

    /** Running domains with an interface on this network (by name) or its bridge. */
    private List<String> attachedGuests(String network, String bridge) {
        List<String> out = new ArrayList<>();
        for (DomainStatus d : host.domains()) {
            if (d.active() && DomainFacts.parse(host.domainXml(d.name(), false)).attachedTo(network, bridge)) {
                out.add(d.name());
            }
        }
        return out;
    }

    /** A pool as the host has it, with the volumes it holds when it runs. */
    private record PoolState(Optional<PoolStatus> status, Optional<String> xml, Set<String> volumes,
                             boolean madeForSite) {
        boolean readable() {
            return status.isPresent() && status.get().active();
        }
    }

    private PoolState poolState(String name) {
        Optional<PoolStatus> s = host.pool(name);
        if (s.isEmpty()) {
            return new PoolState(s, Optional.empty(), Set.of(), false);
        }
        Set<String> volumes = new HashSet<>();
        if (s.get().active()) {
            volumes.addAll(host.volumeNames(name));
        }
        String xml = host.poolXml(name);
        return new PoolState(s, Optional.of(xml), volumes, PoolDefinition.parse(xml).uuid().equals(poolUuid(name)));
    }

    /**
     * The UUID miniascape gives a pool it defines: derived from the site instance and the pool's name, so that
     * the pool is known as the site's even when it does not run (its volumes, where an adoption mark is, are
     * then out of sight).
     */
    public String poolUuid(String pool) {
        return UUID.nameUUIDFromBytes(("miniascape pool " + instance + " " + pool).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Ours by the UUID we gave it, or (adopted) by the mark volume; another site's by its mark volume. */
    private Claim poolClaim(String name, PoolState st) {
        if (st.madeForSite() || st.volumes().contains(poolMarkVolume(site.name()))) {
            return new Claim(Claim.Kind.OURS, "", "");
        }
        return st.volumes().stream().filter(v -> v.startsWith(POOL_MARK_PREFIX) && v.endsWith(POOL_MARK_SUFFIX))
                .findFirst().map(v -> new Claim(Claim.Kind.OTHER_SITE, v.substring(POOL_MARK_PREFIX.length(),
                        v.length() - POOL_MARK_SUFFIX.length()), ""))
                .orElse(new Claim(Claim.Kind.FOREIGN, "", ""));
    }

    private Step poolMark(String pool) {
        return new Step.CreateVolume(pool, poolMarkVolume(site.name()),
                VolumeXml.render(poolMarkVolume(site.name()), 0, "raw", Optional.empty()), true);
    }

    private Action pool(StoragePool p, PoolState st) {
        String id = Action.id(Action.Kind.POOL, p.name());
        if (st.status().isEmpty()) {
            return new Action(id, Action.Kind.POOL, p.name(), Action.Type.CREATE, "not defined", List.of(), List.of(),
                    List.of(new Step.DefinePool(PoolXml.render(p, Optional.of(poolUuid(p.name())))),
                            new Step.BuildPool(p.name()), new Step.PoolAutostart(p.name(), p.autostart()),
                            new Step.StartPool(p.name())));
        }
        PoolDefinition have = PoolDefinition.parse(st.xml().orElseThrow());
        if (!have.type().equals(p.type()) || !stripSlash(have.path()).equals(stripSlash(p.path()))) {
            return refuse(Action.Kind.POOL, p.name(), "it is " + have.type() + " at " + have.path() + " in libvirt, but "
                    + p.type() + " at " + p.path() + " in the site; remove it (virsh pool-destroy/pool-undefine) or"
                    + " rename the site's pool", List.of("- " + have.type() + " " + have.path(),
                    "+ " + p.type() + " " + p.path()));
        }
        PoolStatus s = st.status().get();
        Claim claim = poolClaim(p.name(), st);
        boolean adopting = claim.kind != Claim.Kind.OURS;
        if (adopting && !options.adopts(p.name())) {
            return refuse(Action.Kind.POOL, p.name(), claim.refusal(p.name()) + (s.active() ? ""
                    : " (it is not running, so a mark volume in it cannot be seen either)"), List.of());
        }
        List<Step> steps = new ArrayList<>();
        if (!s.active()) {
            // A run whose build failed left the pool defined without its directory, and a dir pool does not start
            // without it; building a dir pool is mkdir -p, harmless when the directory is there.
            if (p.type().equals("dir")) {
                steps.add(new Step.BuildPool(p.name()));
            }
            steps.add(new Step.StartPool(p.name()));
        }
        if (adopting) {
            steps.add(poolMark(p.name()));
        }
        if (s.persistent() && s.autostart() != p.autostart()) {
            steps.add(new Step.PoolAutostart(p.name(), p.autostart()));
        }
        if (steps.isEmpty()) {
            return new Action(id, Action.Kind.POOL, p.name(), Action.Type.NONE, "the same as the site", List.of(),
                    List.of(), List.of());
        }
        String what = String.join(", ", steps.stream().map(Step::text).toList());
        return new Action(id, Action.Kind.POOL, p.name(), Action.Type.UPDATE_LIVE, adopting ? "adopted ("
                + claim.description() + "): " + what : what, List.of(), List.of(), steps);
    }

    private static String stripSlash(String p) {
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }

    /** An image the site only reads: it must exist; it is never created, changed or deleted. */
    private Action readOnlyVolume(String pool, String name, PoolState ps, String what) {
        String key = pool + "/" + name;
        if (ps.readable() && ps.volumes().contains(name)) {
            return new Action(Action.id(Action.Kind.VOLUME, key), Action.Kind.VOLUME, key, Action.Type.NONE,
                    "read only: " + what, List.of(), List.of(), List.of());
        }
        String where = ps.status().isEmpty() ? "pool " + pool + " does not exist yet"
                : !ps.readable() ? "pool " + pool + " is not running" : "it is not in pool " + pool;
        return refuse(Action.Kind.VOLUME, key, what + " is missing (" + where + "); put the image into pool "
                + pool + " first", List.of());
    }

    /** A volume the site creates for a guest's disk. */
    private Action volume(Guest g, GuestVolumes.Volume v, PoolState ps, DomainState d, boolean domainInPlan) {
        String key = v.pool() + "/" + v.name();
        String what = v.seed() ? "NoCloud seed of " + g.name() : "disk of " + g.name();
        List<String> sharers = usersOf(v);
        if (sharers.size() > 1) {
            what = "disk shared by " + String.join(", ", sharers);
        }
        String id = Action.id(Action.Kind.VOLUME, key);
        List<String> deps = new ArrayList<>(List.of(Action.id(Action.Kind.POOL, v.pool())));
        if (domainInPlan) {
            deps.add(Action.id(Action.Kind.DOMAIN, g.name()));
        }
        v.base().ifPresent(b -> deps.add(Action.id(Action.Kind.VOLUME, v.pool() + "/" + b)));
        boolean recorded = siteVolume(v, ps, d) || recordedByAnotherUser(g, v);
        if (ps.status().isPresent() && !ps.readable()) {
            // The pool's action starts it (or refuses it); what it holds is seen only then.
            return new Action(id, Action.Kind.VOLUME, key, Action.Type.CREATE, what + "; pool "
                    + v.pool() + " is not running: created once it is started" + (recorded
                    ? ", unless it is there already (it is the site's then)"
                    : "; a volume of that name found there then stops the action"), List.of(), deps,
                    List.of(create(g, v, recorded)));
        }
        if (!ps.volumes().contains(v.name())) {
            return new Action(id, Action.Kind.VOLUME, key, Action.Type.CREATE, what, List.of(), deps,
                    List.of(create(g, v, false)));
        }
        if (recorded) {
            return new Action(id, Action.Kind.VOLUME, key, Action.Type.NONE, what, List.of(), deps, List.of());
        }
        if (options.adopts(key) && domainInPlan) {
            return new Action(id, Action.Kind.VOLUME, key, Action.Type.NONE, "adopted: recorded in the mark of"
                    + " domain " + g.name(), List.of(), deps, List.of());
        }
        return refuse(Action.Kind.VOLUME, key, "exists, but no domain of site " + site.name() + " records it as"
                + " its own; --adopt " + key + " takes it over (with 'up' or 'guest define')", List.of());
    }

    private Step create(Guest g, GuestVolumes.Volume v, boolean recorded) {
        return v.seed() ? new Step.CreateSeedVolume(v.pool(), v.name(), recorded, () -> seeds.seed(g))
                : new Step.CreateVolume(v.pool(), v.name(), v.xml(), recorded);
    }

    /**
     * A volume of the site's name is the site's when the mark of the site's domain records it, or when it is in a
     * pool miniascape made for the site (the pool's UUID says so): volumes that {@code storage register} made
     * before any domain, or that {@code guest undefine} left. A volume in a pool that is not the site's, or only
     * adopted, needs the record or its own --adopt.
     */
    private static boolean siteVolume(GuestVolumes.Volume v, PoolState ps, DomainState d) {
        return ps.madeForSite() || d.claim().kind == Claim.Kind.OURS && d.mark().map(m -> m.volumes().contains(
                new OwnerMark.VolumeRef(v.pool(), v.name()))).orElse(false);
    }

    /** The site's guests whose disk {@code v} is (one, or those that share it); none for a NoCloud seed. */
    private List<String> usersOf(GuestVolumes.Volume v) {
        return v.seed() ? List.of() : volumeUsers.getOrDefault(v.pool() + "/" + v.name(), List.of());
    }

    /** A shared volume is the site's when the mark of any of its guests' domains (not only g's) records it. */
    private boolean recordedByAnotherUser(Guest g, GuestVolumes.Volume v) {
        for (String other : usersOf(v)) {
            if (!other.equals(g.name())) {
                DomainState o = domainState(other);
                if (o.claim().kind == Claim.Kind.OURS && o.mark().map(m -> m.volumes().contains(
                        new OwnerMark.VolumeRef(v.pool(), v.name()))).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A domain as the host has it: its definition read once, with the owner mark in it. */
    private record DomainState(Optional<DomainStatus> status, Optional<DomainDefinition> definition, Claim claim) {

        Optional<OwnerMark> mark() {
            return definition.flatMap(DomainDefinition::mark);
        }
    }

    /**
     * Reads the definitions of the scope's domains (and of the site's domains left on hosts their guests moved
     * from) together, before the actions are made one by one: against a daemon, one call per domain at the most,
     * several at once (what a plan of thousands of guests spends its time on).
     */
    private Plan withDomainsRead(Scope scope, java.util.function.Supplier<Plan> plan) {
        Set<String> names = new java.util.LinkedHashSet<>();
        Stream.of(scope.storageOf(), scope.domains(), scope.boot()).flatMap(List::stream).map(Guest::name)
                .forEach(names::add);
        if (scope.whole()) {
            names.addAll(slice.elsewhere().keySet());
        }
        domainsRead = host.domainXmls(names.stream().filter(n -> host.domain(n).isPresent()).toList(), true);
        try {
            return plan.get();
        } finally {
            domainsRead = Map.of(); // a planner may plan again after its plan ran: what was read is old then
        }
    }

    private DomainState domainState(String name) {
        Optional<DomainStatus> s = host.domain(name);
        if (s.isEmpty()) {
            return new DomainState(s, Optional.empty(), new Claim(Claim.Kind.FOREIGN, "", ""));
        }
        // Parsed once: its owner mark here, its facts and UUID when its action is made.
        DomainDefinition definition = DomainXml.read(domainsRead.containsKey(name) ? domainsRead.get(name)
                : host.domainXml(name, true));
        return new DomainState(s, Optional.of(definition), claim(definition.mark()));
    }

    /** A guest's volumes, each with its XML: made once per guest and plan (sites have thousands). */
    private List<GuestVolumes.Volume> volumesOf(Guest g) {
        return volumes.computeIfAbsent(g.name(), k -> GuestVolumes.withSeed(g, site));
    }

    /** The volumes miniascape creates for a guest (not the images it only reads), for its domain's mark. */
    private List<OwnerMark.VolumeRef> createdVolumes(Guest g) {
        return volumesOf(g).stream().filter(v -> !v.mustExist())
                .map(v -> new OwnerMark.VolumeRef(v.pool(), v.name())).toList();
    }

    private Action domain(Guest g, DomainState d) {
        String id = Action.id(Action.Kind.DOMAIN, g.name());
        DomainFacts want = DomainFacts.of(g);
        String digest = digest(want.canonical());
        List<OwnerMark.VolumeRef> volumes = createdVolumes(g);
        // An adopted domain is taken as it is: installed (its installer is not run over it).
        OwnerMark mark = mark(digest, volumes).withInstalled(installed(d) || d.status().isPresent()
                && d.claim().kind != Claim.Kind.OURS);
        List<String> deps = g.disks().stream().map(k -> Action.id(Action.Kind.POOL, k.pool())).distinct().toList();
        if (d.status().isEmpty()) {
            return new Action(id, Action.Kind.DOMAIN, g.name(), Action.Type.CREATE, "not defined", List.of(), deps,
                    List.of(new Step.DefineDomain(GuestVolumes.domainXml(g, site, Optional.empty(),
                            Optional.of(mark)))));
        }
        DomainDefinition definition = d.definition().orElseThrow();
        boolean adopting = d.claim().kind != Claim.Kind.OURS;
        if (adopting && !options.adopts(g.name())) {
            return refuse(Action.Kind.DOMAIN, g.name(), d.claim().refusal(g.name()), List.of());
        }
        DomainFacts have = DomainFacts.of(definition);
        List<String> diff = have.differences(want).stream().map(x -> "~ " + x).toList();
        boolean sameVolumes = d.mark().map(m -> m.volumes().equals(volumes)).orElse(false);
        if (!adopting && have.sameAs(want) && sameVolumes) {
            return new Action(id, Action.Kind.DOMAIN, g.name(), Action.Type.NONE, "the same as the site", List.of(),
                    deps, List.of());
        }
        boolean byHand = !adopting && !d.claim().digest().equals(digest(have.canonical()));
        if (byHand && !options.force()) {
            return refuse(Action.Kind.DOMAIN, g.name(), "changed by hand since miniascape defined it; --force"
                    + " redefines it as the site says", diff);
        }
        String running = d.status().get().active() ? "; takes effect at its next boot" : "";
        String why = adopting ? "adopted (" + d.claim().description() + "): its mark is written"
                : byHand ? "changed by hand since miniascape defined it (--force)"
                : have.sameAs(want) ? "records its volumes" : "differs from the site";
        String uuid = definition.uuid().orElse("");
        return new Action(id, Action.Kind.DOMAIN, g.name(), Action.Type.REDEFINE, why + running, diff, deps,
                List.of(new Step.DefineDomain(GuestVolumes.domainXml(g, site, Optional.of(uuid),
                        Optional.of(mark)))));
    }

    /** True when miniascape's mark on the domain says that its installer has run. */
    private static boolean installed(DomainState d) {
        return d.claim().kind == Claim.Kind.OURS && d.mark().map(OwnerMark::installed).orElse(false);
    }

    /**
     * A kickstart or preseed guest's install: {@code none} once its mark says it is installed, else virt-install
     * after its definition and volumes, before its boot. A guest that runs but is not marked installed is
     * refused: its installer would overwrite its disks.
     */
    private Action install(Guest g, DomainState d, Set<String> planned) {
        String id = Action.id(Action.Kind.INSTALL, g.name());
        List<String> deps = guestDependencies(g);
        if (installed(d)) {
            return new Action(id, Action.Kind.INSTALL, g.name(), Action.Type.NONE, "installed", List.of(), deps,
                    List.of());
        }
        if (d.status().isEmpty() && !planned.contains(deps.get(0))) {
            return refuse(Action.Kind.INSTALL, g.name(), "not defined; 'miniascape guest define " + g.name()
                    + "' defines it", List.of());
        }
        if (d.status().isPresent() && d.claim().kind != Claim.Kind.OURS) {
            return options.adopts(g.name())
                    ? new Action(id, Action.Kind.INSTALL, g.name(), Action.Type.NONE, "adopted: taken as installed",
                            List.of(), deps, List.of())
                    : refuse(Action.Kind.INSTALL, g.name(), d.claim().refusal(g.name()), List.of());
        }
        if (d.status().isPresent() && d.status().get().active()) {
            return refuse(Action.Kind.INSTALL, g.name(), "running, but not installed by miniascape: its installer"
                    + " would overwrite its disks; 'miniascape guest stop " + g.name() + "' first if that is what"
                    + " you want, or --adopt " + g.name() + " after installing it yourself", List.of());
        }
        String digest = digest(DomainFacts.of(g).canonical());
        OwnerMark mark = mark(digest, createdVolumes(g));
        String pending = GuestVolumes.domainXml(g, site, Optional.empty(), Optional.of(mark));
        String installedXml = GuestVolumes.domainXml(g, site, Optional.empty(), Optional.of(mark.withInstalled(true)));
        java.time.Duration timeout = options.ready().orElse(java.time.Duration.ofHours(1));
        return new Action(id, Action.Kind.INSTALL, g.name(), Action.Type.CREATE, g.install().method().key()
                + " from " + g.install().location().or(g.install()::cdrom).orElse("?") + " (virt-install)",
                List.of(), deps, List.of(new Step.RunInstaller(g.name(), pending, installedXml, installer, timeout,
                        serialLog(g))));
    }

    /** What a guest's install and boot wait for: its domain (first), its volumes, its networks. */
    private List<String> guestDependencies(Guest g) {
        List<String> deps = new ArrayList<>();
        Stream.concat(Stream.of(Action.id(Action.Kind.DOMAIN, g.name())),
                        Stream.concat(volumesOf(g).stream()
                                        .map(v -> Action.id(Action.Kind.VOLUME, v.pool() + "/" + v.name())),
                                g.nics().stream().map(n -> Action.id(Action.Kind.NETWORK, n.network()))))
                .distinct().forEach(deps::add);
        g.nics().stream().map(n -> Links.id(n.network())).filter(links::contains).distinct().forEach(deps::add);
        return deps;
    }

    /** {@code planned}: the ids of the plan's actions so far that are not refused. */
    private Action boot(Guest g, DomainState d, Set<String> planned) {
        String id = Action.id(Action.Kind.BOOT, g.name());
        List<String> deps = guestDependencies(g);
        if (g.install().method().installer()) {
            deps.add(Action.id(Action.Kind.INSTALL, g.name()));
        }
        boolean domainPlanned = planned.contains(deps.get(0));
        if (d.status().isEmpty() && !domainPlanned) {
            return refuse(Action.Kind.BOOT, g.name(), "not defined; 'miniascape guest define " + g.name()
                    + "' defines it", List.of());
        }
        if (d.status().isPresent() && d.claim().kind != Claim.Kind.OURS && !options.adopts(g.name())) {
            return refuse(Action.Kind.BOOT, g.name(), d.claim().refusal(g.name()), List.of());
        }
        if (d.status().isPresent() && d.status().get().active()) {
            return new Action(id, Action.Kind.BOOT, g.name(), Action.Type.NONE, "running", List.of(), deps, List.of());
        }
        return new Action(id, Action.Kind.BOOT, g.name(), Action.Type.CREATE, bootsAsIs(g)
                ? "start: its disk boots as it is" : "start", List.of(), deps, List.of(new Step.StartDomain(g.name())));
    }

    /**
     * Waiting for a started guest to be ready: once it is started, its reserved leases, then its SSH port where
     * that can be reached from here, or (a site over several hosts) through the shell of the host that reaches
     * it. A running guest that holds its leases already is ready ({@code none}: planning never probes a port).
     */
    private Action ready(Guest g, DomainState d, List<String> boots, java.time.Duration timeout) {
        String id = Action.id(Action.Kind.READY, g.name());
        // Its own boot only: waits take no --parallel slot (PlanExecutor), so one guest that fails to start
        // keeps no other from being waited for.
        List<String> deps = List.of(Action.id(Action.Kind.BOOT, g.name()));
        Readiness r = readiness(g, timeout);
        boolean running = d.status().isPresent() && d.status().get().active();
        if (running && r.leasesHeld(host)) {
            return new Action(id, Action.Kind.READY, g.name(), Action.Type.NONE, "running"
                    + r.leases().stream().map(l -> ", " + l).reduce("", String::concat), List.of(), deps, List.of());
        }
        return new Action(id, Action.Kind.READY, g.name(), Action.Type.CREATE, "for " + r.describe(),
                List.of(), deps, List.of(new Step.WaitReady(r)));
    }

    /** What ready means for a guest (see {@link Readiness}). */
    Readiness readiness(Guest g, java.time.Duration timeout) {
        List<Readiness.Lease> leases = new ArrayList<>();
        Optional<java.net.InetSocketAddress> ssh = Optional.empty();
        String note = "";
        if (!host.runsGuests()) {
            return new Readiness(g.name(), leases, ssh, "this driver runs no guests", timeout,
                    java.time.Duration.ofSeconds(2), "", slice.leaseHosts());
        }
        for (org.miniascape.model.Nic nic : g.nics()) {
            Optional<Network> net = site.network(nic.network());
            if (net.isEmpty()) {
                continue;
            }
            boolean dhcp = net.get().servesDhcp() && net.get().dhcp().isPresent()
                    && net.get().dhcpBackend() == org.miniascape.model.DhcpBackend.LIBVIRT
                    && nic.bootproto().orElse(org.miniascape.model.Nic.BootProto.DHCP)
                    == org.miniascape.model.Nic.BootProto.DHCP;
            if (dhcp) {
                leases.add(new Readiness.Lease(nic.network(), nic.mac().toString().toLowerCase(java.util.Locale.ROOT),
                        nic.ip().orElseThrow().toString()));
            }
        }
        Readiness.Banner banner = Readiness.Banner.HERE;
        if (!g.access().sshAuthorizedKeys().isEmpty()) {
            Optional<org.miniascape.model.Nic> reachable = g.nics().stream().filter(this::reachableFromHere)
                    .findFirst();
            if (reachable.isPresent()) {
                ssh = Optional.of(new java.net.InetSocketAddress(reachable.get().ip().orElseThrow().toString(), 22));
            } else {
                Optional<Map.Entry<org.miniascape.model.Nic, HostShell>> via = g.nics().stream()
                        .flatMap(n -> shellReaching(n).map(sh -> Map.entry(n, sh)).stream()).findFirst();
                if (via.isPresent()) {
                    Ipv4 ip = via.get().getKey().ip().orElseThrow();
                    ssh = Optional.of(new java.net.InetSocketAddress(ip.toString(), 22));
                    banner = Readiness.Banner.through(via.get().getValue());
                } else {
                    note = "ssh not checked: none of its addresses is reachable from here";
                }
            }
        }
        return new Readiness(g.name(), leases, ssh, note, timeout, java.time.Duration.ofSeconds(2), serialLog(g),
                slice.leaseHosts(), banner);
    }

    /** In a site over several hosts, the shell of the host from which the NIC's address can be reached. */
    private Optional<HostShell> shellReaching(org.miniascape.model.Nic nic) {
        if (slice.shells().isEmpty()) {
            return Optional.empty();
        }
        return Reach.hostReaching(site, nic, slice.host(), () -> probe.available() ? probe.addresses() : List.of())
                .map(h -> slice.shells().get(h));
    }

    /** Where the guest's serial console is logged on the libvirt host; empty for a guest without one. */
    private static String serialLog(Guest g) {
        return g.hardware().serialConsole()
                ? org.miniascape.xml.domain.SerialConsoleElements.forGuest(g.name()).logFile() : "";
    }

    /**
     * True when an interface of this machine is on the NIC's subnet (the libvirt host's bridge, for a local URI),
     * or will be by the time the guest is waited for: on a local host, a network of the site that libvirt gives an
     * address (every mode but bridge) has its gateway on its bridge once {@code up} has created or started it, and
     * the waits come after that. (Asked only of the interfaces that exist while planning, the first {@code up} on
     * an empty host never checked ssh.)
     */
    private boolean reachableFromHere(org.miniascape.model.Nic nic) {
        if (!probe.here() || nic.ip().isEmpty()) {
            return false;
        }
        Ipv4 ip = nic.ip().get();
        // On a host where the network is a bridge only (homed on another host), its bridge has no address.
        boolean siteBridge = !slice.joined().contains(nic.network()) && site.network(nic.network())
                .filter(n -> n.mode() != org.miniascape.model.NetworkMode.BRIDGE)
                .flatMap(Network::cidr).filter(c -> c.contains(ip)).isPresent();
        return siteBridge || probe.addresses().stream().anyMatch(a -> a.reaches(ip));
    }

    // ---------------------------------------------------------------- stop, down

    /** {@code guest stop}: the site's running guests powered off. */
    public Plan stop(List<Guest> guests) {
        List<Action> out = new ArrayList<>();
        for (Guest g : guests) {
            String id = Action.id(Action.Kind.BOOT, g.name());
            DomainState d = domainState(g.name());
            if (d.status().isEmpty()) {
                out.add(new Action(id, Action.Kind.BOOT, g.name(), Action.Type.NONE, "not defined", List.of(),
                        List.of(), List.of()));
            } else if (d.claim().kind != Claim.Kind.OURS) {
                out.add(refuse(Action.Kind.BOOT, g.name(), d.claim().refusal(g.name()), List.of()));
            } else if (!d.status().get().active()) {
                out.add(new Action(id, Action.Kind.BOOT, g.name(), Action.Type.NONE, "not running", List.of(),
                        List.of(), List.of()));
            } else {
                out.add(new Action(id, Action.Kind.BOOT, g.name(), Action.Type.UPDATE_LIVE, "power off", List.of(),
                        List.of(), List.of(new Step.StopDomain(g.name()))));
            }
        }
        return new Plan(host.uri(), site.name(), out);
    }

    /**
     * Takes {@code scope} of the site out of libvirt, in reverse order: domains, their volumes, pools, networks.
     * Only objects carrying this site's mark are touched; every other one is left as it is, and the plan says
     * so. Images the site only reads are never deleted, and do not keep a pool of the site's from going.
     */
    public Plan down(Scope scope) {
        return withDomainsRead(scope, () -> downActions(scope));
    }

    private Plan downActions(Scope scope) {
        List<Action> out = new ArrayList<>();
        Map<String, DomainState> domains = new LinkedHashMap<>();
        for (Guest g : scope.storageOf()) {
            domains.put(g.name(), domainState(g.name()));
        }
        for (Guest g : scope.domains()) {
            DomainState d = domains.computeIfAbsent(g.name(), this::domainState);
            out.add(removeDomain(g.name(), d));
        }
        if (scope.whole()) { // a domain of the site left on a host its guest moved away from
            slice.elsewhere().keySet().forEach(name -> {
                DomainState d = domainState(name);
                if (d.status().isPresent() && d.claim().kind == Claim.Kind.OURS) {
                    out.add(removeDomain(name, d));
                }
            });
        }
        Map<String, PoolState> pools = new LinkedHashMap<>();
        Map<String, List<String>> deleted = new LinkedHashMap<>();
        Map<String, Set<String>> readOnly = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> domainsGo = new HashSet<>();
        scope.domains().forEach(g -> domainsGo.add(g.name()));
        for (Guest g : scope.storageOf()) {
            DomainState d = domains.get(g.name());
            for (GuestVolumes.Volume v : volumesOf(g)) {
                PoolState ps = pools.computeIfAbsent(v.pool(), this::poolState);
                v.base().ifPresent(b -> readOnly.computeIfAbsent(v.pool(), k -> new HashSet<>()).add(b));
                if (v.mustExist()) {
                    readOnly.computeIfAbsent(v.pool(), k -> new HashSet<>()).add(v.name());
                }
                if (!seen.add(v.pool() + "/" + v.name())) {
                    continue;
                }
                Action a = removeVolume(g, v, ps, d, domainsGo);
                out.add(a);
                if (a.type() == Action.Type.DELETE) {
                    deleted.computeIfAbsent(v.pool(), k -> new ArrayList<>()).add(a.id());
                }
            }
        }
        for (Guest g : scope.storageOf()) {
            for (GuestVolumes.Volume v : volumesOf(g)) {
                for (String ro : Stream.concat(v.base().stream(), v.mustExist() ? Stream.of(v.name()) : Stream.empty())
                        .toList()) {
                    if (seen.add(v.pool() + "/" + ro)) {
                        String key = v.pool() + "/" + ro;
                        out.add(new Action(Action.id(Action.Kind.VOLUME, key), Action.Kind.VOLUME, key,
                                Action.Type.NONE, "read only: kept", List.of(), List.of(), List.of()));
                    }
                }
            }
        }
        for (StoragePool p : scope.pools()) {
            PoolState ps = pools.computeIfAbsent(p.name(), this::poolState);
            out.add(removePool(p.name(), ps, deleted.getOrDefault(p.name(), List.of()),
                    readOnly.getOrDefault(p.name(), Set.of())));
        }
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (Guest g : scope.domains()) {
            g.nics().stream().map(nic -> nic.network()).distinct().forEach(net -> users.computeIfAbsent(net,
                    k -> new ArrayList<>()).add(Action.id(Action.Kind.DOMAIN, g.name())));
        }
        Set<String> names = new HashSet<>();
        scope.networks().forEach(n -> names.add(n.name()));
        for (Action a : slice.links().map(l -> l.down(names)).orElse(List.of())) {
            out.add(a);
            users.computeIfAbsent(a.name(), k -> new ArrayList<>()).add(a.id());
        }
        for (Network n : scope.networks()) {
            out.add(removeNetwork(n.name(), users.getOrDefault(n.name(), List.of())));
        }
        return new Plan(host.uri(), site.name(), out);
    }

    /**
     * A guest of the site on another host now ({@code to}: its host or the placement changed) whose domain is here
     * with the site's mark: refused, or with --force powered off and undefined here (its volumes here stay) so that
     * it is created on {@code to}. A domain of that name that is not the site's is none of its business.
     */
    private Optional<Action> moved(String name, String to) {
        DomainState d = domainState(name);
        if (d.status().isEmpty() || d.claim().kind != Claim.Kind.OURS) {
            return Optional.empty();
        }
        String why = "guest " + name + " is placed on " + to + " now (its host or the placement changed)";
        if (!options.force()) {
            return Optional.of(refuse(Action.Kind.DOMAIN, name, why + "; --force takes it off this host (powered off"
                    + " and undefined; its volumes here stay) and creates it on " + to, List.of()));
        }
        Action remove = removeDomain(name, d);
        return Optional.of(new Action(remove.id(), remove.kind(), name, remove.type(), why + ": " + remove.reason()
                + " here, created on " + to + "; its volumes here stay", List.of(), List.of(), remove.steps()));
    }

    private Action removeDomain(String name, DomainState d) {
        String id = Action.id(Action.Kind.DOMAIN, name);
        if (d.status().isEmpty()) {
            return new Action(id, Action.Kind.DOMAIN, name, Action.Type.NONE, "not defined", List.of(), List.of(),
                    List.of());
        }
        if (d.claim().kind != Claim.Kind.OURS) {
            return leftAlone(Action.Kind.DOMAIN, name, d.claim());
        }
        List<Step> steps = new ArrayList<>();
        if (d.status().get().active()) {
            steps.add(new Step.StopDomain(name));
        }
        if (d.status().get().persistent()) {
            steps.add(new Step.UndefineDomain(name));
        }
        return new Action(id, Action.Kind.DOMAIN, name, Action.Type.DELETE, String.join(", ",
                steps.stream().map(Step::text).toList()), List.of(), List.of(), steps);
    }

    private Action removeVolume(Guest g, GuestVolumes.Volume v, PoolState ps, DomainState d, Set<String> domainsGo) {
        String key = v.pool() + "/" + v.name();
        String id = Action.id(Action.Kind.VOLUME, key);
        if (v.mustExist()) {
            return new Action(id, Action.Kind.VOLUME, key, Action.Type.NONE, "read only: the image " + g.name()
                    + " imports, kept", List.of(), List.of(), List.of());
        }
        if (ps.status().isEmpty() || (ps.readable() && !ps.volumes().contains(v.name()))) {
            return new Action(id, Action.Kind.VOLUME, key, Action.Type.NONE, "not there", List.of(), List.of(),
                    List.of());
        }
        if (!siteVolume(v, ps, d) && !recordedByAnotherUser(g, v)) {
            return new Action(id, Action.Kind.VOLUME, key, Action.Type.NONE, "left alone: no domain of site "
                    + site.name() + " records it as its own", List.of(), List.of(), List.of());
        }
        // A shared volume goes with the last of its guests' domains: after every one of them, and not while a
        // guest that stays still has it.
        List<String> sharers = usersOf(v).isEmpty() ? List.of(g.name()) : usersOf(v);
        List<String> staying = sharers.size() < 2 ? List.of() : sharers.stream().filter(u -> !domainsGo.contains(u)
                && domainState(u).status().isPresent()).toList();
        if (!staying.isEmpty()) {
            return new Action(id, Action.Kind.VOLUME, key, Action.Type.NONE, "kept: a shared volume, still"
                    + " attached to domain" + (staying.size() == 1 ? " " : "s ") + String.join(", ", staying),
                    List.of(), List.of(), List.of());
        }
        List<String> deps = sharers.stream().filter(domainsGo::contains).map(u -> Action.id(Action.Kind.DOMAIN, u))
                .toList();
        String what = sharers.size() > 1 ? "disk shared by " + String.join(", ", sharers) : "disk of " + g.name();
        if (!ps.readable()) {
            // Out of sight until its pool runs: the pool's own action starts it and deletes the volume.
            return new Action(id, Action.Kind.VOLUME, key, Action.Type.DELETE, what + "; pool "
                    + v.pool() + " is not running: deleted (if there) when the pool is started to remove it",
                    List.of(), deps, List.of());
        }
        return new Action(id, Action.Kind.VOLUME, key, Action.Type.DELETE, what, List.of(), deps,
                List.of(new Step.DeleteVolume(v.pool(), v.name(), false)));
    }

    private Action removePool(String name, PoolState ps, List<String> deletedVolumes, Set<String> readOnly) {
        String id = Action.id(Action.Kind.POOL, name);
        if (ps.status().isEmpty()) {
            return new Action(id, Action.Kind.POOL, name, Action.Type.NONE, "not defined", List.of(), List.of(),
                    List.of());
        }
        Claim claim = poolClaim(name, ps);
        if (claim.kind != Claim.Kind.OURS) {
            return leftAlone(Action.Kind.POOL, name, claim);
        }
        List<String> volumeNames = deletedVolumes.stream().map(v -> v.substring(v.indexOf('/', "volume/".length())
                + 1)).toList();
        List<Step> steps = new ArrayList<>();
        PoolStatus s = ps.status().get();
        String why = "destroy, undefine; its directory stays";
        if (!s.active()) {
            if (PoolDefinition.parse(ps.xml().orElseThrow()).type().equals("dir")) {
                steps.add(new Step.BuildPool(name));
            }
            steps.add(new Step.StartPool(name));
            volumeNames.forEach(v -> steps.add(new Step.DeleteVolume(name, v, true)));
            why = "not running: started to delete the site's volumes in it, then destroyed and undefined; its"
                    + " directory stays";
        } else {
            List<String> others = ps.volumes().stream().filter(v -> !volumeNames.contains(v) && !readOnly.contains(v)
                    && !v.equals(poolMarkVolume(site.name()))).sorted().toList();
            if (!others.isEmpty()) {
                return new Action(id, Action.Kind.POOL, name, Action.Type.NONE, "kept: it holds volumes that are not"
                        + " the site's: " + String.join(", ", others), List.of(), deletedVolumes, List.of());
            }
        }
        steps.add(new Step.DeleteVolume(name, poolMarkVolume(site.name()), true));
        steps.add(new Step.StopPool(name));
        if (s.persistent()) {
            steps.add(new Step.UndefinePool(name));
        }
        String kept = readOnly.isEmpty() ? "" : "; the images it only read stay: "
                + String.join(", ", readOnly.stream().sorted().toList());
        return new Action(id, Action.Kind.POOL, name, Action.Type.DELETE, why + kept, List.of(), deletedVolumes,
                steps);
    }

    private Action removeNetwork(String name, List<String> deps) {
        String id = Action.id(Action.Kind.NETWORK, name);
        Optional<NetworkStatus> s = host.network(name);
        if (s.isEmpty()) {
            return new Action(id, Action.Kind.NETWORK, name, Action.Type.NONE, "not defined", List.of(), List.of(),
                    List.of());
        }
        Claim claim = claim(OwnerMark.read(host.networkXml(name, true)));
        if (claim.kind != Claim.Kind.OURS) {
            return leftAlone(Action.Kind.NETWORK, name, claim);
        }
        List<Step> steps = new ArrayList<>();
        if (s.get().active()) {
            steps.add(new Step.StopNetwork(name));
        }
        if (s.get().persistent()) {
            steps.add(new Step.UndefineNetwork(name));
        }
        return new Action(id, Action.Kind.NETWORK, name, Action.Type.DELETE, String.join(", ",
                steps.stream().map(Step::text).toList()), List.of(), deps, steps);
    }

    // ---------------------------------------------------------------- ownership

    /** Whose an object is, read from its mark. */
    private record Claim(Kind kind, String otherSite, String digest) {
        enum Kind { OURS, FOREIGN, OTHER_SITE }

        String description() {
            return kind == Kind.OTHER_SITE ? "marked by site " + otherSite : "no miniascape mark";
        }

        String refusal(String name) {
            return (kind == Kind.OTHER_SITE ? "belongs to site " + otherSite + " (its miniascape mark says so)"
                    : "not created by miniascape for this site (it has no miniascape mark)") + "; --adopt " + name
                    + " takes it over";
        }
    }

    private Claim claim(Optional<OwnerMark> mark) {
        if (mark.isEmpty()) {
            return new Claim(Claim.Kind.FOREIGN, "", "");
        }
        OwnerMark m = mark.get();
        if (m.site().equals(site.name()) && m.instance().equals(instance)) {
            return new Claim(Claim.Kind.OURS, "", m.digest());
        }
        return new Claim(Claim.Kind.OTHER_SITE, m.site().equals(site.name()) ? m.site() + " (another instance, "
                + m.instance() + ")" : m.site(), m.digest());
    }

    private static Action leftAlone(Action.Kind kind, String name, Claim claim) {
        return new Action(Action.id(kind, name), kind, name, Action.Type.NONE, "left alone: "
                + (claim.kind == Claim.Kind.OTHER_SITE ? "it belongs to site " + claim.otherSite
                : "not created by miniascape for this site (no miniascape mark)"), List.of(), List.of(), List.of());
    }

    private OwnerMark mark(String digest, List<OwnerMark.VolumeRef> volumes) {
        return new OwnerMark(site.name(), instance, digest, volumes);
    }

    private static Action refuse(Action.Kind kind, String name, String reason, List<String> diff) {
        return new Action(Action.id(kind, name), kind, name, Action.Type.REFUSE, reason, diff, List.of(), List.of());
    }

    /** "sha256:" and the hex SHA-256 of the lines, each ended by a newline. */
    static String digest(List<String> lines) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String l : lines) {
                md.update(l.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            }
            return "sha256:" + java.util.HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
