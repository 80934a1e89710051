package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Network;
import org.miniascape.xml.NetworkXml;
import org.w3c.dom.Element;

/**
 * Brings one libvirt network to the site's definition with the smallest change: nothing when it is the same,
 * live virNetworkUpdate calls when only DHCP/DNS hosts differ (dnsmasq keeps running, guests keep their
 * links), a redefinition and restart only when forced.
 */
public final class NetworkReconciler {
    private final Hypervisor hv;

    public NetworkReconciler(Hypervisor hv) {
        this.hv = hv;
    }

    /** Plans without changing anything. {@code create}: define a missing network (register) or not (update). */
    public NetworkPlan plan(Network network, boolean create, boolean force) {
        String xml = NetworkXml.render(network);
        NetworkDefinition desired = NetworkDefinition.parse(xml);
        Optional<NetworkStatus> status = hv.network(network.name());
        if (status.isEmpty()) {
            return new NetworkPlan(network.name(), create ? NetworkPlan.Kind.CREATE : NetworkPlan.Kind.MISSING, xml,
                    List.of(), List.of(), List.of(), network.autostart(), create, create, List.of());
        }
        NetworkStatus s = status.get();
        NetworkDefinition config = NetworkDefinition.parse(hv.networkXml(network.name(), true));
        // A running network can differ from its config (changed by someone with --config only, or redefined
        // without a restart): both must come out as the site says.
        NetworkDefinition live = s.active() ? NetworkDefinition.parse(hv.networkXml(network.name(), false)) : config;
        boolean setAutostart = s.autostart() != network.autostart();
        boolean configDiffers = !config.core().equals(desired.core());
        if (configDiffers || !live.core().equals(desired.core())) {
            List<String> diff = new ArrayList<>(TextDiff.diff(configDiffers ? config.core() : live.core(),
                    desired.core(), 2));
            if (!configDiffers) {
                diff.add(0, "(the running network differs from its config, which matches the site: it needs a restart)");
            }
            List<String> affected = s.active() ? attachedGuests(network.name(), s.bridge()) : List.of();
            return new NetworkPlan(network.name(), force ? NetworkPlan.Kind.RESTART : NetworkPlan.Kind.DRIFT, xml,
                    List.of(), diff, affected, network.autostart(), force && setAutostart, force, List.of());
        }
        List<NetworkUpdate> updates;
        if (sameHosts(live, config)) {
            updates = HostUpdates.plan(config, desired);
        } else {
            updates = new ArrayList<>();
            HostUpdates.plan(config, desired).forEach(u -> updates.add(u.in(NetworkUpdate.Scope.CONFIG)));
            HostUpdates.plan(live, desired).forEach(u -> updates.add(u.in(NetworkUpdate.Scope.LIVE)));
        }
        List<String> notes = updates.isEmpty() || !s.active() ? List.of() : staleLeases(network.name(), desired);
        return new NetworkPlan(network.name(), updates.isEmpty() ? NetworkPlan.Kind.SAME : NetworkPlan.Kind.UPDATE_LIVE,
                xml, updates, List.of(), List.of(), network.autostart(), setAutostart, !s.active(), notes);
    }

    private static boolean sameHosts(NetworkDefinition a, NetworkDefinition b) {
        return new java.util.HashSet<>(a.dhcpHosts()).equals(new java.util.HashSet<>(b.dhcpHosts()))
                && new java.util.HashSet<>(a.dnsHosts()).equals(new java.util.HashSet<>(b.dnsHosts()));
    }

    /** Leases that conflict with the desired reservations: a reserved address leased to another MAC. */
    private List<String> staleLeases(String network, NetworkDefinition desired) {
        List<String> out = new ArrayList<>();
        for (DhcpLease l : hv.leases(network)) {
            for (DhcpHostEntry h : desired.dhcpHosts()) {
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

    /** Carries a plan out; returns the report line. DRIFT and MISSING change nothing. */
    public Change apply(NetworkPlan plan, boolean dryRun) {
        String name = plan.network();
        switch (plan.kind()) {
            case CREATE -> {
                if (!dryRun) {
                    List<String> done = new ArrayList<>();
                    try {
                        hv.defineNetwork(plan.desiredXml());
                        done.add("defined");
                        hv.setNetworkAutostart(name, plan.autostart());
                        done.add(plan.autostart() ? "autostart on" : "autostart off");
                        hv.startNetwork(name);
                    } catch (MiniascapeException e) {
                        throw partly(name, done, e, "it is not running");
                    }
                }
                return new Change("network", name, Change.Outcome.CREATED,
                        plan.autostart() ? "defined, autostart, started" : "defined, started");
            }
            case MISSING -> {
                return new Change("network", name, Change.Outcome.MISSING, "not defined; 'net register' creates it");
            }
            case DRIFT -> {
                return new Change("network", name, Change.Outcome.DRIFTED,
                        "differs beyond DHCP/DNS hosts; --force redefines and restarts it"
                                + affected(plan), plan.diff());
            }
            case RESTART -> {
                if (!dryRun) {
                    List<String> done = new ArrayList<>();
                    try {
                        if (hv.network(name).map(NetworkStatus::active).orElse(false)) {
                            hv.stopNetwork(name);
                            done.add("stopped (destroyed)" + affected(plan));
                        }
                        // Same UUID: a redefinition, not a new network that libvirt would refuse under this name.
                        String uuid = NetworkDefinition.uuid(hv.networkXml(name, true));
                        hv.defineNetwork(NetworkDefinition.withUuid(plan.desiredXml(), uuid));
                        done.add("redefined as the site says");
                        hv.setNetworkAutostart(name, plan.autostart());
                        done.add(plan.autostart() ? "autostart on" : "autostart off");
                        hv.startNetwork(name);
                    } catch (MiniascapeException e) {
                        throw partly(name, done, e, "it is not running");
                    }
                }
                return new Change("network", name, Change.Outcome.RESTARTED, "redefined" + affected(plan));
            }
            case UPDATE_LIVE -> {
                if (!dryRun) {
                    int applied = 0;
                    try {
                        for (NetworkUpdate u : plan.updates()) {
                            hv.updateNetwork(name, u);
                            applied++;
                        }
                    } catch (MiniascapeException e) {
                        throw partly(name, applied == 0 ? List.of() : List.of("given " + applied + " of its "
                                + plan.updates().size() + " host changes"), e, "the rest were not applied");
                    }
                    finish(plan);
                }
                boolean split = plan.updates().stream().anyMatch(u -> u.scope() != NetworkUpdate.Scope.BOTH);
                return new Change("network", name, Change.Outcome.UPDATED_LIVE, plan.updateSummary()
                        + (split ? "; its config and the running network differed, each brought to the site" : "")
                        + (plan.start() ? ", started" : ""), plan.leaseNotes());
            }
            case SAME -> {
                if (plan.start() || plan.setAutostart()) {
                    if (!dryRun) {
                        finish(plan);
                    }
                    return new Change("network", name, plan.start() ? Change.Outcome.STARTED : Change.Outcome.UPDATED_LIVE,
                            plan.setAutostart() ? "autostart " + (plan.autostart() ? "on" : "off") : "");
                }
                return new Change("network", name, Change.Outcome.UNCHANGED, "");
            }
            default -> throw new IllegalStateException(plan.kind().toString());
        }
    }

    /** A failure after some of one network's steps: says which were done, and in what state it is left. */
    private static MiniascapeException partly(String name, List<String> done, MiniascapeException e, String left) {
        if (done.isEmpty()) {
            return e;
        }
        return new MiniascapeException(e.exitCode(), e.getMessage() + " (network " + name + " was already "
                + String.join(", ", done) + "; " + left + ": run again once the cause is fixed)", e);
    }

    private void finish(NetworkPlan plan) {
        if (plan.setAutostart()) {
            hv.setNetworkAutostart(plan.network(), plan.autostart());
        }
        if (plan.start()) {
            hv.startNetwork(plan.network());
        }
    }

    private static String affected(NetworkPlan plan) {
        return plan.affectedGuests().isEmpty() ? ""
                : "; running guests losing their link until reattached: " + String.join(", ", plan.affectedGuests());
    }

    /** Running domains with an interface on this network (by name) or its bridge. */
    List<String> attachedGuests(String network, String bridge) {
        List<String> out = new ArrayList<>();
        for (DomainStatus d : hv.domains()) {
            if (!d.active()) {
                continue;
            }
            Element root = NetworkDefinition.document(hv.domainXml(d.name(), false)).getDocumentElement();
            for (Element devices : NetworkDefinition.children(root, "devices")) {
                for (Element nic : NetworkDefinition.children(devices, "interface")) {
                    for (Element src : NetworkDefinition.children(nic, "source")) {
                        if (network.equals(src.getAttribute("network"))
                                || (!bridge.isEmpty() && bridge.equals(src.getAttribute("bridge")))) {
                            if (!out.contains(d.name())) {
                                out.add(d.name());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
