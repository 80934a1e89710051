package org.miniascape.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miniascape.libvirt.Action;
import org.miniascape.libvirt.PlanExecutor;
import org.miniascape.libvirt.PlanExecutor.Outcome;
import org.miniascape.libvirt.PlanExecutor.Status;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;

/**
 * What a carried-out plan did to each guest it touched (its domain, install, boot and ready actions): the state
 * it reached, when its first action began and how long its actions took from there (milliseconds from the start of
 * the run), each action's outcome, and its interfaces' reserved addresses — the {@code guests} of a JSON result.
 */
record GuestReport(String name, String state, long startedAt, long millis, List<Outcome> actions, Guest guest,
                   String error) {

    /** The guests of the plan, in its order. */
    static List<GuestReport> of(Site site, PlanExecutor.Result result) {
        Map<String, List<Outcome>> byGuest = new LinkedHashMap<>();
        for (Outcome o : result.outcomes()) {
            if (o.action().kind().ofGuest()) {
                byGuest.computeIfAbsent(o.action().name(), k -> new ArrayList<>()).add(o);
            }
        }
        List<GuestReport> out = new ArrayList<>();
        byGuest.forEach((name, outcomes) -> site.guest(name).ifPresent(g -> out.add(of(g, outcomes))));
        return List.copyOf(out);
    }

    private static GuestReport of(Guest g, List<Outcome> outcomes) {
        long first = Long.MAX_VALUE;
        long last = 0;
        String error = null;
        String state = "unchanged";
        boolean failed = false;
        boolean notStarted = false;
        for (Outcome o : outcomes) {
            if (o.status() == Status.DONE || o.status() == Status.FAILED) {
                first = Math.min(first, o.startedAt());
                last = Math.max(last, o.startedAt() + o.millis());
            }
            if (o.status() == Status.FAILED) {
                failed = true;
                error = error != null ? error : o.action().id() + ": " + o.error();
            } else if (o.status() == Status.NOT_STARTED) {
                notStarted = true;
                error = error != null ? error : o.action().id() + ": not started (" + o.error() + ")";
            } else if (o.status() == Status.DONE) {
                state = reached(o.action());
            }
        }
        if (failed) {
            state = "failed";
        } else if (notStarted) {
            state = "not-started";
        }
        long start = first == Long.MAX_VALUE ? 0 : first;
        return new GuestReport(g.name(), state, start, Math.max(0, last - start), List.copyOf(outcomes), g, error);
    }


    /** The state a guest is in once this action is done (the plan orders a guest's actions by these). */
    private static String reached(Action a) {
        boolean delete = a.type() == Action.Type.DELETE;
        return switch (a.kind()) {
            case DOMAIN -> delete ? "undefined" : "defined";
            case INSTALL -> "installed";
            case BOOT -> delete ? "stopped" : "started";
            default -> "ready";
        };
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("state", state);
        m.put("started_at", startedAt);
        m.put("millis", millis);
        m.put("actions", actions.stream().map(o -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", o.action().id());
            a.put("status", o.status().key());
            a.put("started_at", o.startedAt());
            a.put("millis", o.millis());
            return a;
        }).toList());
        m.put("interfaces", guest.nics().stream().map(n -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("network", n.network());
            e.put("mac", n.mac().toString());
            e.put("ip", n.ip().map(Object::toString).orElse(null));
            return e;
        }).toList());
        m.put("error", error);
        return m;
    }
}
