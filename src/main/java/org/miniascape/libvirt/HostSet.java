package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Executor;
import org.miniascape.model.Guest;
import org.miniascape.model.Host;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkSpan;
import org.miniascape.model.Site;
import org.miniascape.model.StoragePool;
import org.miniascape.resolve.GuestVolumes;

/**
 * The connections to the hosts of a site over several hosts, and the one plan over all of them. Each host is
 * planned by a {@link Planner} of its own, through its own connection, over its slice of the site ({@link #slice}:
 * the networks on it — a bridge only where the network's home is another host —, the pools of its guests, its
 * guests) and its VXLAN links ({@link Links}); the hosts' plans are then one plan, every action naming its host
 * ({@link Action#onHost}), the guests' boots also waiting for their networks on the networks' homes. A host whose
 * daemon does not answer gets one action, {@code host/HOST}, that fails when the plan runs: the other hosts' actions
 * are carried out.
 */
public final class HostSet implements AutoCloseable {
    /** One host: its connection, or why there is none. */
    public record Member(Host host, Optional<Hypervisor> hv, String error, HostShell shell) {
    }

    /** Makes the planner of one host. */
    public interface PlannerFactory {
        Planner planner(Host host, HostReader reader, HostProbe probe, Site slice, Planner.Slice where);
    }

    private final Site site;
    private final List<Member> members;
    private final Executor executor;

    private HostSet(Site site, List<Member> members, Executor executor) {
        this.site = site;
        this.members = List.copyOf(members);
        this.executor = executor;
    }

    /** Connects to every host of the site (side by side); a host that cannot be connected to is kept, without. */
    public static HostSet open(Site site, Function<String, Hypervisor> connect, Executor executor) {
        List<CompletableFuture<Member>> futures = new ArrayList<>();
        for (Host h : site.topology().hosts()) {
            HostShell shell = new HostShell(h.name(), h.shell().prefix(), executor);
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return new Member(h, Optional.of(connect.apply(h.uri())), "", shell);
                } catch (MiniascapeException e) {
                    return new Member(h, Optional.empty(), e.getMessage().replaceFirst("^miniascape: (error: )?", ""),
                            shell);
                }
            }));
        }
        return new HostSet(site, futures.stream().map(CompletableFuture::join).toList(), executor);
    }

    public List<Member> members() {
        return members;
    }

    /** The open connections, by host name (for {@link PlanExecutor}). */
    public Map<String, Hypervisor> hypervisors() {
        Map<String, Hypervisor> out = new LinkedHashMap<>();
        members.forEach(m -> m.hv().ifPresent(hv -> out.put(m.host().name(), hv)));
        return out;
    }

    /** "kvm1 (qemu+ssh://root@kvm1/system), kvm2 (…)": what a plan over these hosts is for. */
    public String describe() {
        return String.join(", ", members.stream().map(m -> m.host().name() + " (" + m.host().uri() + ")").toList());
    }

    /**
     * The plan over every host: {@code what} of each host's planner ({@code planner -> planner.up(Scope.all(
     * planner.site()))}), the actions of all hosts in one dependency order.
     */
    public Plan plan(PlannerFactory factory, Function<Planner, Plan> what) {
        List<Action> all = new ArrayList<>();
        Set<String> unreachable = new HashSet<>();
        for (Member m : members) {
            String name = m.host().name();
            if (m.hv().isEmpty()) {
                unreachable.add(name);
                // "cannot connect to libvirt at URI: …"
                all.add(failed(name, "connect", m.error()));
                continue;
            }
            Hypervisor hv = m.hv().get();
            Planner.Slice where = where(m);
            // Preflight's host checks (interfaces, addresses, sockets) run on the host, through its shell.
            HostProbe probe = new LocalHostProbe(m.host().shell().prefix(), executor);
            Plan p;
            try {
                p = what.apply(factory.planner(m.host(), hv, probe, slice(site, name), where));
            } catch (MiniascapeException e) {
                // The daemon went away while it was read: the host fails alone, as one that never answered.
                unreachable.add(name);
                all.add(failed(name, "plan", "cannot be planned: " + e.getMessage()
                        .replaceFirst("^miniascape: (error: )?", "")));
                continue;
            }
            p.actions().forEach(a -> all.add(a.onHost(name)));
        }
        return new Plan(String.join(", ", members.stream().map(m -> m.host().uri()).toList()), site.name(),
                ordered(withHomes(all, unreachable)));
    }

    /** The one action of a host that could not be read: it fails when the plan runs. */
    private static Action failed(String host, String what, String why) {
        return new Action(Action.id(Action.Kind.HOST, host), Action.Kind.HOST, host, Action.Type.CREATE,
                why + "; its objects are planned once it answers", List.of(), List.of(),
                List.of(new Step.Fail(what, "host " + host + ": " + why)), host);
    }

    /** What the planner of a host is told of its place in the site (see {@link Planner.Slice}). */
    public Planner.Slice where(Member m) {
        String name = m.host().name();
        Set<String> joined = new HashSet<>();
        Map<String, HostReader> leaseHosts = new LinkedHashMap<>();
        for (NetworkSpan span : site.topology().networks()) {
            if (span.isOn(name) && span.stretched() && !span.home().equals(name)) {
                joined.add(span.network());
                member(span.home()).hv().ifPresent(r -> leaseHosts.put(span.network(), r));
            }
        }
        Map<String, String> elsewhere = new LinkedHashMap<>();
        site.guests().forEach(g -> site.topology().hostOf(g.name()).filter(h -> !h.equals(name))
                .ifPresent(h -> elsewhere.put(g.name(), h)));
        Map<String, HostShell> shells = new LinkedHashMap<>();
        members.forEach(o -> shells.put(o.host().name(), o.shell()));
        return new Planner.Slice(name, joined, leaseHosts, Optional.of(new Links(m.shell(), Links.of(site, name))),
                elsewhere, shells);
    }

    /** The member of a host of the site (every host of it has one). */
    public Member member(String host) {
        return members.stream().filter(m -> m.host().name().equals(host)).findFirst().orElseThrow();
    }

    /**
     * A guest's boot (and install) on a host that is not its network's home also waits for the network on its home
     * (or, when the home could not be reached, for that host's failure).
     */
    private List<Action> withHomes(List<Action> actions, Set<String> unreachable) {
        List<Action> out = new ArrayList<>();
        // A guest moved away from a host (--force): its domain there goes before it is created on its new host.
        Map<String, String> leaving = new LinkedHashMap<>();
        actions.stream().filter(a -> a.kind() == Action.Kind.DOMAIN && a.type() == Action.Type.DELETE
                && !site.topology().hostOf(a.name()).orElse(a.host()).equals(a.host()))
                .forEach(a -> leaving.put(a.name(), a.id()));
        for (Action a : actions) {
            if (a.kind() == Action.Kind.DOMAIN && leaving.containsKey(a.name()) && a.type() != Action.Type.DELETE) {
                out.add(a.dependingAlsoOn(List.of(leaving.get(a.name()))));
                continue;
            }
            if (a.kind() != Action.Kind.BOOT && a.kind() != Action.Kind.INSTALL) {
                out.add(a);
                continue;
            }
            List<String> more = new ArrayList<>();
            for (Guest g : site.guest(a.name()).stream().toList()) {
                for (var nic : g.nics()) {
                    site.topology().network(nic.network()).filter(s -> !s.home().equals(a.host())).ifPresent(s ->
                            more.add(unreachable.contains(s.home()) ? Action.id(Action.Kind.HOST, s.home())
                                    : Action.id(Action.Kind.NETWORK, nic.network()) + "@" + s.home()));
                }
            }
            out.add(more.isEmpty() ? a : a.dependingAlsoOn(more));
        }
        return out;
    }

    /** Every action after those it depends on (that are in the plan), otherwise in the order given. */
    static List<Action> ordered(List<Action> actions) {
        Set<String> ids = new HashSet<>();
        actions.forEach(a -> ids.add(a.id()));
        List<Action> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        List<Action> left = new ArrayList<>(actions);
        while (!left.isEmpty()) {
            boolean progress = false;
            for (java.util.Iterator<Action> it = left.iterator(); it.hasNext(); ) {
                Action a = it.next();
                if (a.dependsOn().stream().allMatch(d -> done.contains(d) || !ids.contains(d))) {
                    out.add(a);
                    done.add(a.id());
                    it.remove();
                    progress = true;
                }
            }
            if (!progress) {
                throw new IllegalStateException("a dependency cycle in the plan: " + left);
            }
        }
        return out;
    }

    /**
     * What of the site is on {@code host}: the networks that span it, its guests, the pools its guests use (a pool
     * no guest uses is on the first host), with the site's topology.
     */
    public static Site slice(Site site, String host) {
        List<Network> networks = site.networks().stream().filter(n -> site.topology().network(n.name())
                .map(s -> s.isOn(host)).orElse(false)).toList();
        List<Guest> guests = site.guests().stream().filter(g -> site.topology().hostOf(g.name())
                .map(host::equals).orElse(false)).toList();
        Set<String> used = new HashSet<>();
        Set<String> usedAnywhere = new HashSet<>();
        for (Guest g : site.guests()) {
            boolean here = guests.contains(g);
            for (GuestVolumes.Volume v : GuestVolumes.withSeed(g, site)) {
                usedAnywhere.add(v.pool());
                if (here) {
                    used.add(v.pool());
                }
            }
        }
        boolean first = site.topology().hosts().get(0).name().equals(host);
        List<StoragePool> pools = site.storagePools().stream().filter(p -> used.contains(p.name())
                || first && !usedAnywhere.contains(p.name())).toList();
        return new Site(site.name(), site.domain(), networks, pools, guests, site.topology());
    }

    @Override
    public void close() {
        members.forEach(m -> m.hv().ifPresent(Hypervisor::close));
    }
}
