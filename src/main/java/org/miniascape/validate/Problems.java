package org.miniascape.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.miniascape.model.SourcePosition;

/** Collects every problem of a configuration so that all of them are reported at once. */
public final class Problems {
    private final List<Problem> problems = new ArrayList<>();

    public void add(SourcePosition at, String message) {
        problems.add(new Problem(at, message));
    }

    /** How many problems were found so far. */
    public int size() {
        return problems.size();
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> sorted() {
        return List.copyOf(new TreeSet<>(problems));
    }

    /** Stops here, before anything is written, when anything was found. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(sorted());
        }
    }
}
