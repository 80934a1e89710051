package org.miniascape.validate;

import org.miniascape.model.SourcePosition;

/** One thing wrong with the configuration, printed compiler style: {@code FILE:LINE:COLUMN: error: MESSAGE}. */
public record Problem(SourcePosition at, String message) implements Comparable<Problem> {

    @Override
    public int compareTo(Problem o) {
        int c = at.file().compareTo(o.at.file());
        if (c == 0) {
            c = Integer.compare(at.line(), o.at.line());
        }
        if (c == 0) {
            c = Integer.compare(at.column(), o.at.column());
        }
        return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
        return at + ": error: " + message;
    }
}
