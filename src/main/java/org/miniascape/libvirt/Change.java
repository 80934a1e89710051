package org.miniascape.libvirt;

import java.util.List;

/**
 * One line of an apply report: what happened (or, in a dry run, would happen) to one libvirt object.
 * {@code kind} is network, pool, volume or guest; {@code detail} says what exactly, may be empty;
 * {@code diff} shows how a drifted object differs ("- " live, "+ " site), or warns ("! ").
 */
public record Change(String kind, String name, Outcome outcome, String detail, List<String> diff) {

    public Change(String kind, String name, Outcome outcome, String detail) {
        this(kind, name, outcome, detail, List.of());
    }

    /** The outcomes, each with its wording for a real run and for a dry run. */
    public enum Outcome {
        CREATED("created", "would create"),
        DEFINED("defined", "would define"),
        UPDATED_LIVE("updated live", "would update live"),
        STARTED("started", "would start"),
        STOPPED("stopped", "would stop"),
        RESTARTED("restarted", "would restart"),
        REMOVED("removed", "would remove"),
        UNCHANGED("unchanged", "unchanged"),
        /** Differs beyond what can change live: needs --force. */
        DRIFTED("would restart", "would restart"),
        /** Not on the host, and this command does not create it. */
        MISSING("missing", "missing"),
        ABSENT("absent", "absent");

        private final String done;
        private final String planned;

        Outcome(String done, String planned) {
            this.done = done;
            this.planned = planned;
        }

        public String text(boolean dryRun) {
            return dryRun ? planned : done;
        }

        /** True when the host was (or would be) changed. */
        public boolean changes() {
            return this != UNCHANGED && this != DRIFTED && this != MISSING && this != ABSENT;
        }
    }

    public String line(boolean dryRun) {
        return kind + " " + name + ": " + outcome.text(dryRun) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
