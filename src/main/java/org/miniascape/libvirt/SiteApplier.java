package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import org.miniascape.model.StoragePool;
import org.miniascape.render.guest.GuestVolumes;

/**
 * Applies a site to libvirt: plan every network, run preflight, refuse (changing nothing) when a network
 * differs beyond its hosts and --force was not given, then carry the plans out in dependency order: networks,
 * pools, volumes, guests ({@link #up}); {@link #down} removes the site's objects in the reverse order.
 */
public final class SiteApplier {
    private final Hypervisor hv;
    private final HostProbe probe;
    private final boolean dryRun;
    private final boolean force;

    public SiteApplier(Hypervisor hv, HostProbe probe, boolean dryRun, boolean force) {
        this.hv = hv;
        this.probe = probe;
        this.dryRun = dryRun;
        this.force = force;
    }

    /** {@code create}: define missing networks ({@code net register}, {@code up}) or report them missing. */
    public ApplyResult networks(Site site, List<Network> networks, boolean create) {
        NetworkReconciler reconciler = new NetworkReconciler(hv);
        List<NetworkPlan> plans = networks.stream().map(n -> reconciler.plan(n, create, force)).toList();
        new Preflight(hv, probe).check(site, plans);
        List<String> blocked = new ArrayList<>();
        for (NetworkPlan p : plans) {
            if (p.kind() == NetworkPlan.Kind.DRIFT || p.kind() == NetworkPlan.Kind.MISSING) {
                blocked.add(p.network());
            }
        }
        if (!blocked.isEmpty()) {
            // Report what would happen, change nothing.
            List<Change> changes = plans.stream().map(p -> reconciler.apply(p, true)).toList();
            return new ApplyResult(changes, true, Optional.of(refusal(plans)));
        }
        List<Change> changes = new ArrayList<>();
        for (NetworkPlan p : plans) {
            step(changes, () -> reconciler.apply(p, dryRun));
        }
        return new ApplyResult(changes, dryRun, Optional.empty());
    }

    /**
     * Runs one object's action and records its change. A failure says which changes were already made: the
     * user must not be left with a half-applied site and no account of it.
     */
    private void step(List<Change> done, java.util.function.Supplier<Change> action) {
        try {
            done.add(action.get());
        } catch (ApplyFailure e) {
            throw e;
        } catch (MiniascapeException e) {
            List<String> made = done.stream().filter(c -> c.outcome().changes()).map(c -> c.line(dryRun)).toList();
            if (dryRun || made.isEmpty()) {
                throw new ApplyFailure(e.exitCode(), e.getMessage(), done, e);
            }
            String first = e.getMessage().startsWith("miniascape:") ? e.getMessage()
                    : "miniascape: error: " + e.getMessage();
            throw new ApplyFailure(e.exitCode(), first + "\nmade before this failure (the rest was not"
                    + " applied; run again once it is fixed):\n  " + String.join("\n  ", made), done, e);
        }
    }

    private static String refusal(List<NetworkPlan> plans) {
        List<String> why = new ArrayList<>();
        for (NetworkPlan p : plans) {
            if (p.kind() == NetworkPlan.Kind.DRIFT) {
                why.add("network " + p.network() + " differs beyond DHCP/DNS hosts (diff above); --force redefines"
                        + " and restarts it" + (p.affectedGuests().isEmpty() ? ""
                        : ", cutting off running guests " + String.join(", ", p.affectedGuests())));
            } else if (p.kind() == NetworkPlan.Kind.MISSING) {
                why.add("network " + p.network() + " is not defined; 'miniascape net register " + p.network()
                        + "' creates it");
            }
        }
        return "nothing was changed: " + String.join("; ", why);
    }

    /** Destroys (if active) and undefines; an absent network is reported, not an error. */
    public ApplyResult removeNetworks(List<String> names) {
        List<Change> changes = new ArrayList<>();
        removeNetworks(names, changes);
        return new ApplyResult(changes, dryRun, Optional.empty());
    }

    private void removeNetworks(List<String> names, List<Change> changes) {
        for (String name : names) {
            Optional<NetworkStatus> s = hv.network(name);
            if (s.isEmpty()) {
                changes.add(new Change("network", name, Change.Outcome.ABSENT, "not defined, nothing to do"));
                continue;
            }
            step(changes, () -> {
                if (!dryRun) {
                    if (s.get().active()) {
                        hv.stopNetwork(name);
                    }
                    if (s.get().persistent()) {
                        try {
                            hv.undefineNetwork(name);
                        } catch (MiniascapeException e) {
                            throw s.get().active() ? new MiniascapeException(e.exitCode(), e.getMessage()
                                    + " (network " + name + " was already destroyed: it is defined, not running)", e)
                                    : e;
                        }
                    }
                }
                return new Change("network", name, Change.Outcome.REMOVED,
                        (s.get().active() ? "destroyed, " : "") + "undefined");
            });
        }
    }

    /** Storage pools, then the volumes of {@code guests}; refused when a pool differs in type or path. */
    public ApplyResult storage(Site site, List<Guest> guests) {
        Optional<String> refusal = storageRefusal(site);
        if (refusal.isPresent()) {
            return new ApplyResult(List.of(), true, refusal);
        }
        List<Change> changes = new ArrayList<>();
        storage(site, guests, changes);
        return new ApplyResult(changes, dryRun, Optional.empty());
    }

    /** {@code guest define}: the guests' pools and volumes, then their domains; refused as {@link #storage} is. */
    public ApplyResult defineGuests(Site site, List<Guest> guests) {
        Optional<String> refusal = storageRefusal(site);
        if (refusal.isPresent()) {
            return new ApplyResult(List.of(), true, refusal);
        }
        List<Change> changes = new ArrayList<>();
        storage(site, guests, changes);
        GuestReconciler reconciler = new GuestReconciler(hv, dryRun);
        for (Guest g : guests) {
            step(changes, () -> reconciler.define(g, site));
        }
        return new ApplyResult(changes, dryRun, Optional.empty());
    }

    /** {@code guest start}: every guest must be defined (else exit 3, nothing started). */
    public ApplyResult startGuests(List<Guest> guests) {
        for (Guest g : guests) {
            if (hv.domain(g.name()).isEmpty()) {
                throw MiniascapeException.hostState("guest " + g.name() + " is not defined; run 'miniascape"
                        + " guest define " + g.name() + "' first");
            }
        }
        GuestReconciler reconciler = new GuestReconciler(hv, dryRun);
        List<Change> changes = new ArrayList<>();
        for (Guest g : guests) {
            step(changes, () -> reconciler.start(g));
        }
        return new ApplyResult(changes, dryRun, Optional.empty());
    }

    /** {@code guest stop}: powered off. */
    public ApplyResult stopGuests(List<Guest> guests) {
        GuestReconciler reconciler = new GuestReconciler(hv, dryRun);
        List<Change> changes = new ArrayList<>();
        for (Guest g : guests) {
            step(changes, () -> reconciler.stop(g.name()));
        }
        return new ApplyResult(changes, dryRun, Optional.empty());
    }

    /** {@code guest undefine}: powered off if running, undefined; volumes stay. */
    public ApplyResult undefineGuests(List<Guest> guests) {
        GuestReconciler reconciler = new GuestReconciler(hv, dryRun);
        List<Change> changes = new ArrayList<>();
        for (Guest g : guests) {
            step(changes, () -> reconciler.undefine(g.name()));
        }
        return new ApplyResult(changes, dryRun, Optional.empty());
    }

    /** Why the site's pools cannot be applied (a pool differing in type or path); checked before any change. */
    private Optional<String> storageRefusal(Site site) {
        StorageReconciler storage = new StorageReconciler(hv, dryRun);
        List<String> drift = site.storagePools().stream().map(storage::drift).flatMap(Optional::stream).toList();
        return drift.isEmpty() ? Optional.empty() : Optional.of("nothing was changed: " + String.join("; ", drift));
    }

    private void storage(Site site, List<Guest> guests, List<Change> changes) {
        StorageReconciler storage = new StorageReconciler(hv, dryRun);
        for (StoragePool p : site.storagePools()) {
            step(changes, () -> storage.pool(p));
        }
        for (Guest g : guests) {
            for (GuestVolumes.Volume v : GuestVolumes.of(g, site)) {
                step(changes, () -> storage.volume(v));
            }
        }
    }

    /** Removes the volumes of the site's guests, then its pools (unless they hold volumes of others). */
    public ApplyResult removeStorage(Site site) {
        List<Change> changes = new ArrayList<>();
        removeStorage(site, changes);
        return new ApplyResult(changes, dryRun, Optional.empty());
    }

    private void removeStorage(Site site, List<Change> changes) {
        StorageReconciler storage = new StorageReconciler(hv, dryRun);
        for (StoragePool p : site.storagePools()) {
            // A pool lists its volumes only while it runs (one without autostart after a reboot does not): the
            // site's volumes in it would be left behind unseen, and volumes of others in it undefined unseen.
            Optional<PoolStatus> st = hv.pool(p.name());
            if (st.isPresent() && !st.get().active() && !dryRun) {
                try {
                    hv.startPool(p.name());
                    changes.add(new Change("pool", p.name(), Change.Outcome.STARTED, "to see its volumes"));
                } catch (MiniascapeException e) {
                    changes.add(new Change("pool", p.name(), Change.Outcome.UNCHANGED, "not running, and it does"
                            + " not start, so its volumes were not checked: " + e.getMessage()));
                }
            }
        }
        List<GuestVolumes.Volume> volumes = site.guests().stream().flatMap(g -> GuestVolumes.of(g, site).stream())
                .toList();
        for (GuestVolumes.Volume v : volumes) {
            step(changes, () -> storage.removeVolume(v));
        }
        for (StoragePool p : site.storagePools()) {
            List<String> ours = volumes.stream().filter(v -> v.pool().equals(p.name()) && !v.mustExist())
                    .map(GuestVolumes.Volume::name).toList();
            step(changes, () -> storage.removePool(p, ours));
        }
    }

    /** The whole site: networks, pools, volumes, guests defined; guests that boot as they are started. */
    public ApplyResult up(Site site) {
        // Every refusal before the first change: a drifted pool must not leave the networks applied.
        Optional<String> storeRefusal = storageRefusal(site);
        if (storeRefusal.isPresent()) {
            return new ApplyResult(List.of(), true, storeRefusal);
        }
        ApplyResult nets = networks(site, site.networks(), true);
        if (nets.refusal().isPresent()) {
            return nets;
        }
        List<Change> changes = new ArrayList<>(nets.changes());
        storage(site, site.guests(), changes);
        GuestReconciler guests = new GuestReconciler(hv, dryRun);
        for (Guest g : site.guests()) {
            step(changes, () -> guests.define(g, site));
        }
        for (Guest g : site.guests()) {
            if (GuestReconciler.bootsAsIs(g)) {
                step(changes, () -> guests.start(g));
            }
        }
        return new ApplyResult(changes, dryRun, Optional.empty());
    }

    /** Everything of the site, in reverse order: guests, volumes, pools, networks. Nothing of anyone else. */
    public ApplyResult down(Site site) {
        GuestReconciler guests = new GuestReconciler(hv, dryRun);
        List<Change> changes = new ArrayList<>();
        for (Guest g : site.guests()) {
            step(changes, () -> guests.undefine(g.name()));
        }
        removeStorage(site, changes);
        removeNetworks(site.networks().stream().map(Network::name).toList(), changes);
        return new ApplyResult(changes, dryRun, Optional.empty());
    }
}
