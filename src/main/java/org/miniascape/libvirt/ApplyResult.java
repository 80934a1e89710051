package org.miniascape.libvirt;

import java.util.List;

/**
 * The outcome of applying (part of) a site: one change per object, in the order they were handled.
 * {@code refusal} is set when nothing was changed because the host differs in a way that needs --force.
 */
public record ApplyResult(List<Change> changes, boolean dryRun, java.util.Optional<String> refusal) {

    public long changed() {
        return changes.stream().filter(c -> c.outcome().changes()).count();
    }
}
