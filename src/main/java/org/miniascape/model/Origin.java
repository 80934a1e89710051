package org.miniascape.model;

import java.util.Map;

/**
 * Where a model object came from in the configuration: the position of the object itself and of each of its
 * keys' values, so that a validation problem found later can still point at FILE:LINE:COLUMN.
 */
public record Origin(SourcePosition at, Map<String, SourcePosition> keys) {

    public static final Origin NONE = new Origin(SourcePosition.UNKNOWN, Map.of());

    /** The position of a key's value, or of the object when the key was not written (defaults). */
    public SourcePosition of(String key) {
        return keys.getOrDefault(key, at);
    }

    public boolean declares(String key) {
        return keys.containsKey(key);
    }
}
