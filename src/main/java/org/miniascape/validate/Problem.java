package org.miniascape.validate;

import org.miniascape.model.SourcePosition;

/**
 * One thing wrong with the configuration, printed compiler style: {@code FILE:LINE:COLUMN: error: MESSAGE}; or one
 * that is probably not what the user meant but works, {@code FILE:LINE:COLUMN: warning: MESSAGE} (never stops
 * anything, never changes the exit code).
 */
public record Problem(SourcePosition at, String message, boolean warning) implements Comparable<Problem> {

    public Problem(SourcePosition at, String message) {
        this(at, message, false);
    }

    @Override
    public int compareTo(Problem o) {
        int c = at.file().compareTo(o.at.file());
        if (c == 0) {
            c = Integer.compare(at.line(), o.at.line());
        }
        if (c == 0) {
            c = Integer.compare(at.column(), o.at.column());
        }
        if (c == 0) {
            c = Boolean.compare(warning, o.warning);
        }
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return at + (warning ? ": warning: " : ": error: ") + message;
    }
}
