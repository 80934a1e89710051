package org.miniascape.libvirt;

import java.util.List;
import java.util.Optional;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Site;
import org.miniascape.render.guest.GuestVolumes;

/** Guests as libvirt domains: define (or redefine when what miniascape decides differs), start, stop, undefine. */
public final class GuestReconciler {
    private final Hypervisor hv;
    private final boolean dryRun;

    public GuestReconciler(Hypervisor hv, boolean dryRun) {
        this.hv = hv;
        this.dryRun = dryRun;
    }

    /** True for the install methods whose disk is ready to boot: {@code up} starts those guests. */
    public static boolean bootsAsIs(Guest g) {
        return g.install().method() == Install.Method.IMPORT || g.install().method() == Install.Method.NONE;
    }

    public Change define(Guest guest, Site site) {
        String xml = GuestVolumes.domainXml(guest, site);
        Optional<DomainStatus> s = hv.domain(guest.name());
        if (s.isEmpty()) {
            if (!dryRun) {
                hv.defineDomain(xml);
            }
            return new Change("guest", guest.name(), Change.Outcome.DEFINED, "");
        }
        DomainFacts live = DomainFacts.parse(hv.domainXml(guest.name(), true));
        DomainFacts want = DomainFacts.parse(xml);
        if (live.sameAs(want)) {
            return new Change("guest", guest.name(), Change.Outcome.UNCHANGED, "");
        }
        List<String> diff = live.differences(want);
        if (!dryRun) {
            String uuid = NetworkDefinition.uuid(hv.domainXml(guest.name(), true));
            hv.defineDomain(NetworkDefinition.withUuid(xml, uuid));
        }
        return new Change("guest", guest.name(), Change.Outcome.DEFINED,
                "redefined" + (s.get().active() ? "; takes effect at its next boot" : ""),
                diff.stream().map(d -> "~ " + d).toList());
    }

    public Change start(Guest guest) {
        Optional<DomainStatus> s = hv.domain(guest.name());
        if (s.isPresent() && s.get().active()) {
            return new Change("guest", guest.name(), Change.Outcome.UNCHANGED, "running");
        }
        if (!dryRun) {
            hv.startDomain(guest.name());
        }
        return new Change("guest", guest.name(), Change.Outcome.STARTED, "");
    }

    public Change stop(String name) {
        Optional<DomainStatus> s = hv.domain(name);
        if (s.isEmpty()) {
            return new Change("guest", name, Change.Outcome.ABSENT, "not defined");
        }
        if (!s.get().active()) {
            return new Change("guest", name, Change.Outcome.UNCHANGED, "not running");
        }
        if (!dryRun) {
            hv.stopDomain(name);
        }
        return new Change("guest", name, Change.Outcome.STOPPED, "powered off");
    }

    public Change undefine(String name) {
        Optional<DomainStatus> s = hv.domain(name);
        if (s.isEmpty()) {
            return new Change("guest", name, Change.Outcome.ABSENT, "not defined");
        }
        if (!dryRun) {
            if (s.get().active()) {
                hv.stopDomain(name);
            }
            if (s.get().persistent()) {
                try {
                    hv.undefineDomain(name);
                } catch (MiniascapeException e) {
                    throw s.get().active() ? new MiniascapeException(e.exitCode(), e.getMessage() + " (guest " + name
                            + " was already powered off: it is defined, not running)", e) : e;
                }
            }
        }
        return new Change("guest", name, Change.Outcome.REMOVED, s.get().active() ? "powered off, undefined" : "undefined");
    }
}
