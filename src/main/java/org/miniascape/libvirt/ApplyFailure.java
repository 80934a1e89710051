package org.miniascape.libvirt;

import java.util.List;
import org.miniascape.MiniascapeException;

/**
 * An apply that failed after it had changed something: the failure's own exit code and message (which already
 * names the changes), and those changes, for a report in JSON.
 */
public final class ApplyFailure extends MiniascapeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Change> done;

    ApplyFailure(int exitCode, String message, List<Change> done, Throwable cause) {
        super(exitCode, message, cause);
        this.done = List.copyOf(done);
    }

    /** Every change recorded before the failure (made ones and unchanged ones alike), in order. */
    public List<Change> done() {
        return done;
    }
}
