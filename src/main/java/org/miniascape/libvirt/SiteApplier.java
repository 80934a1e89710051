package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.Network;
import org.miniascape.model.Site;

/**
 * Applies a site's networks to libvirt: plan every network, run preflight, refuse (changing nothing) when a
 * network differs beyond its hosts and --force was not given, then carry the plans out in order.
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
            changes.add(reconciler.apply(p, dryRun));
        }
        return new ApplyResult(changes, dryRun, Optional.empty());
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
        for (String name : names) {
            Optional<NetworkStatus> s = hv.network(name);
            if (s.isEmpty()) {
                changes.add(new Change("network", name, Change.Outcome.ABSENT, "not defined, nothing to do"));
                continue;
            }
            if (!dryRun) {
                if (s.get().active()) {
                    hv.stopNetwork(name);
                }
                if (s.get().persistent()) {
                    hv.undefineNetwork(name);
                }
            }
            changes.add(new Change("network", name, Change.Outcome.REMOVED,
                    (s.get().active() ? "destroyed, " : "") + "undefined"));
        }
        return new ApplyResult(changes, dryRun, Optional.empty());
    }
}
