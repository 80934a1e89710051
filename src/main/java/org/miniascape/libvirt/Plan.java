package org.miniascape.libvirt;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one command will do to one libvirt host: one {@link Action} per object the site touches, in an
 * order where every action comes after those it depends on. A plan is data: computing it changes nothing
 * ({@link Planner}); {@link PlanExecutor} carries out exactly it, and nothing when any action is refused.
 */
public record Plan(String uri, String site, List<Action> actions) {

    public Plan {
        actions = List.copyOf(actions);
    }

    public List<Action> refused() {
        return actions.stream().filter(a -> a.type() == Action.Type.REFUSE).toList();
    }

    public boolean hasChanges() {
        return actions.stream().anyMatch(a -> a.type().changes());
    }

    public Map<Action.Type, Integer> counts() {
        Map<Action.Type, Integer> out = new EnumMap<>(Action.Type.class);
        for (Action.Type t : Action.Type.values()) {
            out.put(t, 0);
        }
        actions.stream().filter(a -> !waits(a)).forEach(a -> out.merge(a.type(), 1, Integer::sum));
        return out;
    }

    /** Waiting for a guest to be ready changes nothing: the summary counts it apart. */
    private static boolean waits(Action a) {
        return a.kind() == Action.Kind.READY && a.type() == Action.Type.CREATE;
    }

    /** The guests the plan waits for. */
    public long waits() {
        return actions.stream().filter(Plan::waits).count();
    }

    /** "Plan: 3 to add, 1 to update live, 0 to redefine, 0 to replace, 2 to destroy; 2 guests to wait for; 1 refused". */
    public String summary() {
        Map<Action.Type, Integer> c = counts();
        String s = "Plan: " + c.get(Action.Type.CREATE) + " to add, " + c.get(Action.Type.UPDATE_LIVE)
                + " to update live, " + c.get(Action.Type.REDEFINE) + " to redefine, " + c.get(Action.Type.REPLACE)
                + " to replace, " + c.get(Action.Type.DELETE) + " to destroy";
        long waits = waits();
        if (waits > 0) {
            s += "; " + waits + (waits == 1 ? " guest" : " guests") + " to wait for";
        }
        int refused = c.get(Action.Type.REFUSE);
        return refused == 0 ? s : s + "; " + refused + " refused";
    }
}
