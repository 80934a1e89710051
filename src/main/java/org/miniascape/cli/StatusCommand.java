package org.miniascape.cli;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Executor;
import org.miniascape.libvirt.DhcpLease;
import org.miniascape.libvirt.DomainStatus;
import org.miniascape.libvirt.HostProbe;
import org.miniascape.libvirt.HostReader;
import org.miniascape.libvirt.HostSet;
import org.miniascape.libvirt.HostShell;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.libvirt.NetworkState;
import org.miniascape.libvirt.Planner;
import org.miniascape.libvirt.PoolStatus;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;
import org.miniascape.model.StoragePool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code status}: the lab at a glance. Every guest with its domain's state ("not defined", or "not the site's"
 * when the domain lacks the site's mark) and each interface's network, MAC, reserved address, leased address
 * (the network's DHCP lease of that MAC) and whether its SSH port answers; then the site's networks (as
 * {@code net list} reads them) and pools. Changes nothing.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the lab at a glance, changing nothing.",
            "Each guest's state and, per interface, network, MAC, reserved and leased address and whether SSH"
                + " answers; then the site's networks and pools.",
            "SSH (port 22 of the reserved address sends its banner; " + StatusCommand.TIMEOUT_MS + " ms to connect) is"
                + " tried only"
                + " for a running guest of the site on a local URI; on a site over several hosts, through the"
                + " shell of the host that reaches the address (its network's home)."})
public final class StatusCommand implements Callable<Integer> {
    static final int SSH_PORT = 22;
    static final int TIMEOUT_MS = 1000;
    /** At most this many connection attempts at once. */
    static final int PROBES = 16;

    @Mixin
    HostSiteOptions site;
    @Mixin
    ConnectOption connection;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (tables) or json (for scripts). Default: ${DEFAULT-VALUE}.")
    LibvirtOptions.Output output;

    @Spec
    CommandSpec spec;

    /** Whether an SSH server answers on a TCP port: it accepts within the timeout and sends its banner. */
    interface Reach {
        boolean answers(String ip, int port, int timeoutMs);

        /** As readiness checks it: the connection, then {@code SSH-} within twice the timeout. */
        Reach SSH = (ip, port, timeoutMs) -> org.miniascape.libvirt.Readiness.sshAnswers(
                new InetSocketAddress(ip, port), timeoutMs, 2 * timeoutMs);
    }

    /** One interface of a guest: reachable is empty when it was not checked, and {@code notChecked} says why. */
    record NicStatus(String network, String mac, Optional<String> reservedIp, Optional<String> leasedIp,
                     Optional<Boolean> reachable, Optional<String> notChecked) {
    }

    /** A guest: {@code state} is libvirt's for a defined domain; {@code ours} false for a domain without the mark. */
    record GuestStatus(String name, boolean defined, boolean ours, Optional<DomainStatus.State> state,
                       List<NicStatus> nics) {
        String stateText() {
            return !defined ? "not defined" : !ours ? "not the site's" : state.orElseThrow().key();
        }
    }

    record Report(List<GuestStatus> guests, List<NetworkState> networks, List<PoolStatus> pools) {
    }

    @Override
    public Integer call() {
        boolean json = output == LibvirtOptions.Output.JSON;
        Hypervisor.preload();
        Site s = site.loadAcrossHosts();
        if (s.topology().multiHost()) {
            return hosts(s, json);
        }
        String uri = connection.uri();
        Report report;
        try (Hypervisor hv = Hypervisor.open(uri)) {
            report = read(hv, s, uri, Reach.SSH);
        }
        return PlanReport.print(spec, json, doc -> {
            if (json) {
                doc.put("uri", uri);
                doc.put("site", s.name());
                doc.put("guests", report.guests().stream().map(StatusCommand::json).toList());
                doc.put("networks", report.networks().stream().map(NetListCommand::json).toList());
                doc.put("pools", report.pools().stream().map(StatusCommand::json).toList());
            } else {
                text(report, spec.commandLine().getOut());
            }
            return ExitCode.OK;
        });
    }

    /**
     * A site over several hosts: each host's slice read through its own uri, one section per host ({@code host
     * kvm1 (URI):} then the tables; in JSON {@code hosts: [{name, uri, error, guests, networks, pools}]}). A host
     * that cannot be connected to is said so, and the exit code is 1.
     */
    private int hosts(Site s, boolean json) {
        try (HostSet hosts = HostSet.open(s, Hypervisor::open, new Executor())) {
            List<Map<String, Object>> docs = new ArrayList<>();
            boolean failed = false;
            PrintWriter out = spec.commandLine().getOut();
            Reach reach = through(s, hosts);
            for (HostSet.Member m : hosts.members()) {
                Map<String, Object> h = new java.util.LinkedHashMap<>();
                h.put("name", m.host().name());
                h.put("uri", m.host().uri());
                if (m.hv().isEmpty()) {
                    failed = true;
                    h.put("error", m.error());
                    if (!json) {
                        out.println("host " + m.host().name() + " (" + m.host().uri() + "): " + m.error());
                    }
                } else {
                    Planner.Slice where = hosts.where(m);
                    Report r = read(m.hv().get(), HostSet.slice(s, m.host().name()), m.host().uri(),
                            reach, where);
                    h.put("error", null);
                    h.put("guests", r.guests().stream().map(StatusCommand::json).toList());
                    h.put("networks", r.networks().stream().map(NetListCommand::json).toList());
                    h.put("pools", r.pools().stream().map(StatusCommand::json).toList());
                    if (!json) {
                        out.println("host " + m.host().name() + " (" + m.host().uri() + "):");
                        text(r, out);
                    }
                }
                docs.add(h);
            }
            int code = failed ? ExitCode.FAILED : ExitCode.OK;
            return PlanReport.print(spec, json, doc -> {
                if (json) {
                    doc.put("site", s.name());
                    doc.put("hosts", docs);
                }
                return code;
            });
        }
    }

    /**
     * On a site over several hosts: an address is tried through the shell of the host that reaches it (as
     * readiness reads a banner, {@link org.miniascape.libvirt.Reach}); from here when that shell is
     * {@code local} or when no host reaches it.
     */
    static Reach through(Site site, HostSet hosts) {
        Executor executor = new Executor();
        // Which shell reaches an address is found once (finding it may list a host's addresses through its shell).
        Map<String, Optional<HostShell>> shells = new ConcurrentHashMap<>();
        return (ip, port, timeoutMs) -> {
            Optional<HostShell> shell = shells.computeIfAbsent(ip,
                    a -> shellReaching(site, hosts, a, executor));
            if (shell.isPresent()) {
                // As from here: the connection, then the banner within twice that.
                return shell.get().sshBanner(ip, port, Math.max(2, 3 * timeoutMs / 1000));
            }
            return Reach.SSH.answers(ip, port, timeoutMs);
        };
    }

    /** The shell of the host that reaches a guest's address {@code ip}; empty: from here. */
    private static Optional<HostShell> shellReaching(Site site, HostSet hosts, String ip, Executor executor) {
        for (Guest g : site.guests()) {
            for (Nic nic : g.nics()) {
                if (!nic.ip().map(Object::toString).equals(Optional.of(ip))) {
                    continue;
                }
                Optional<HostShell> shell = org.miniascape.libvirt.Reach.hostReaching(
                        site, g, nic, executor).map(h -> hosts.member(h.name()).shell());
                if (shell.isPresent() && !shell.get().here()) {
                    return shell;
                }
            }
        }
        return Optional.empty();
    }

    static Report read(HostReader hv, Site site, String uri, Reach reach) {
        return read(hv, site, uri, reach, Planner.Slice.WHOLE);
    }

    /**
     * Reads the site's guests, networks and pools from the host. SSH is tried ({@code reach}, in parallel) for
     * the reserved addresses of running guests of the site when {@link #notCheckedOnHost} allows it for the URI.
     */
    static Report read(HostReader host, Site site, String uri, Reach reach, Planner.Slice where) {
        // One view of the host: the networks' states and the guests' ownership read the same definitions.
        HostReader hv = org.miniascape.libvirt.ReadOnceHost.of(host);
        Map<String, NetworkState> networks = new LinkedHashMap<>();
        for (Network n : site.networks()) {
            networks.put(n.name(), NetworkState.of(hv, site, n, where));
        }
        Planner planner = new Planner(hv, HostProbe.NONE, site, Planner.Options.DEFAULT);
        // A host of a site over several hosts is tried through the shells (see through): only the test driver's
        // guests are not.
        Optional<String> hostReason = where.shells().isEmpty() ? notCheckedOnHost(uri) : testDriver(uri);
        List<GuestStatus> guests = new ArrayList<>();
        ExecutorService pool = null;
        try {
            List<List<Future<Boolean>>> probes = new ArrayList<>();
            List<Optional<String>> reasons = new ArrayList<>();
            for (Guest g : site.guests()) {
                Optional<DomainStatus> d = hv.domain(g.name());
                boolean ours = d.isPresent() && planner.domainRefusal(g.name()).isEmpty();
                Optional<String> guestReason = d.isEmpty() ? Optional.of("the guest is not defined")
                        : !ours ? Optional.of("the domain is not the site's")
                        : d.get().state() != DomainStatus.State.RUNNING ? Optional.of("the guest is not running")
                        : hostReason;
                List<Future<Boolean>> futures = new ArrayList<>();
                for (Nic nic : g.nics()) {
                    if (guestReason.isEmpty() && nic.ip().isPresent()) {
                        if (pool == null) {
                            pool = Executors.newFixedThreadPool(PROBES, r -> {
                                Thread t = new Thread(r, "miniascape-status-probe");
                                t.setDaemon(true);
                                return t;
                            });
                        }
                        String ip = nic.ip().get().toString();
                        futures.add(pool.submit(() -> reach.answers(ip, SSH_PORT, TIMEOUT_MS)));
                    } else {
                        futures.add(null);
                    }
                }
                probes.add(futures);
                reasons.add(guestReason);
                guests.add(new GuestStatus(g.name(), d.isPresent(), ours, d.map(DomainStatus::state), List.of()));
            }
            for (int i = 0; i < guests.size(); i++) {
                Guest g = site.guests().get(i);
                GuestStatus gs = guests.get(i);
                Optional<String> guestReason = reasons.get(i);
                List<NicStatus> nics = new ArrayList<>();
                for (int k = 0; k < g.nics().size(); k++) {
                    Nic nic = g.nics().get(k);
                    Optional<String> reserved = nic.ip().map(Object::toString);
                    Future<Boolean> f = probes.get(i).get(k);
                    Optional<String> why = f != null ? Optional.empty() : guestReason.isPresent() ? guestReason
                            : Optional.of("the interface has no reserved address");
                    nics.add(new NicStatus(nic.network(), nic.mac().toString(), reserved,
                            leased(networks.get(nic.network()), nic.mac().toString(), reserved),
                            f == null ? Optional.empty() : Optional.of(result(f)), why));
                }
                guests.set(i, new GuestStatus(gs.name(), gs.defined(), gs.ours(), gs.state(), List.copyOf(nics)));
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        List<PoolStatus> pools = new ArrayList<>();
        for (StoragePool p : site.storagePools()) {
            pools.add(hv.pool(p.name()).orElse(new PoolStatus(p.name(), false, false, false)));
        }
        return new Report(List.copyOf(guests), List.copyOf(networks.values()), List.copyOf(pools));
    }

    private static boolean result(Future<Boolean> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MiniascapeException.failed("interrupted while trying the guests' SSH ports");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Why no address can be tried from here for this URI: a remote host's networks are not this machine's, and
     * the test driver's guests are not real machines. Empty for a local URI.
     */
    static Optional<String> notCheckedOnHost(String uri) {
        return testDriver(uri).or(() -> HostProbe.forUri(uri).available() ? Optional.empty()
                : Optional.of("the libvirt host is remote (" + uri + "): its networks may not be reachable from here"));
    }

    /** Why the test driver's guests are not tried: they are no real machines. */
    static Optional<String> testDriver(String uri) {
        String scheme;
        try {
            scheme = URI.create(uri).getScheme();
        } catch (IllegalArgumentException e) {
            scheme = null;
        }
        return scheme != null && scheme.toLowerCase(Locale.ROOT).startsWith("test")
                ? Optional.of("the test driver runs no real guest") : Optional.empty();
    }

    /** The network's lease of this MAC: the one of the reserved address if there is one, else the first. */
    static Optional<String> leased(NetworkState network, String mac, Optional<String> reserved) {
        List<String> ips = network == null ? List.of() : network.leases().stream()
                .filter(l -> l.mac().equalsIgnoreCase(mac)).map(DhcpLease::ip).toList();
        return reserved.filter(ips::contains).or(() -> ips.stream().findFirst());
    }

    static void text(Report report, PrintWriter out) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("GUEST", "STATE", "NETWORK", "MAC", "RESERVED", "LEASED", "REACHABLE"));
        for (GuestStatus g : report.guests()) {
            if (g.nics().isEmpty()) {
                rows.add(List.of(g.name(), g.stateText(), "-", "-", "-", "-", "-"));
            }
            for (int k = 0; k < g.nics().size(); k++) {
                NicStatus n = g.nics().get(k);
                rows.add(List.of(k == 0 ? g.name() : "", k == 0 ? g.stateText() : "", n.network(), n.mac(),
                        n.reservedIp().orElse("-"), n.leasedIp().orElse("-"),
                        n.reachable().map(NetListCommand::yes).orElse("not checked")));
            }
        }
        table(rows, out);
        if (!report.networks().isEmpty()) {
            out.println();
            List<List<String>> nets = new ArrayList<>();
            nets.add(List.of("NETWORK", "DEFINED", "ACTIVE", "SYNC"));
            for (NetworkState st : report.networks()) {
                nets.add(List.of(st.name(), NetListCommand.yes(st.defined()), NetListCommand.yes(st.active()),
                        st.sync().text()));
            }
            table(nets, out);
        }
        if (!report.pools().isEmpty()) {
            out.println();
            List<List<String>> pools = new ArrayList<>();
            pools.add(List.of("POOL", "DEFINED", "ACTIVE"));
            for (PoolStatus p : report.pools()) {
                pools.add(List.of(p.name(), NetListCommand.yes(p.persistent()), NetListCommand.yes(p.active())));
            }
            table(pools, out);
        }
    }

    /** Columns as wide as their widest cell, two spaces apart; the last one unpadded. */
    private static void table(List<List<String>> rows, PrintWriter out) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? r.get(c) : String.format("%-" + (width[c] + 2) + "s", r.get(c)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static Map<String, Object> json(GuestStatus g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", g.name());
        m.put("defined", g.defined());
        m.put("marked", g.ours());
        m.put("state", g.state().map(DomainStatus.State::key).orElse(null));
        m.put("interfaces", g.nics().stream().map(n -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("network", n.network());
            e.put("mac", n.mac());
            e.put("reserved_ip", n.reservedIp().orElse(null));
            e.put("leased_ip", n.leasedIp().orElse(null));
            e.put("reachable", n.reachable().orElse(null));
            e.put("not_checked", n.notChecked().orElse(null));
            return e;
        }).toList());
        return m;
    }

    static Map<String, Object> json(PoolStatus p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("defined", p.persistent());
        m.put("active", p.active());
        return m;
    }
}
