package org.miniascape.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.miniascape.model.SourcePosition;

/**
 * Collects every problem of a configuration so that all of them are reported at once: errors, which stop
 * everything (exit 2), and warnings, which are printed and stop nothing.
 */
public final class Problems {
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    public void add(SourcePosition at, String message) {
        problems.add(new Problem(at, message));
    }

    /** Something that works but is probably not what the user meant: printed, never an error. */
    public void warn(SourcePosition at, String message) {
        warnings.add(new Problem(at, message, true));
    }

    /** How many errors were found so far. */
    public int size() {
        return problems.size();
    }

    /** True while no error was found (warnings do not count). */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The errors, in file, line and column order. */
    public List<Problem> sorted() {
        return List.copyOf(new TreeSet<>(problems));
    }

    /** The warnings, in file, line and column order. */
    public List<Problem> warnings() {
        return List.copyOf(new TreeSet<>(warnings));
    }

    /** Stops here, before anything is written, when any error was found (printed with the warnings so far). */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(sorted(), warnings());
        }
    }
}
