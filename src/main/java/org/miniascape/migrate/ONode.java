package org.miniascape.migrate;

import java.util.LinkedHashMap;
import java.util.List;
import org.miniascape.model.SourcePosition;

/** A value of a 0.3 configuration, with the position (in OLD) it was written at. */
sealed interface ONode permits ONode.OMap, ONode.OList, ONode.OScalar {

    SourcePosition at();

    String kind();

    /** A mapping: each key with where the key was written. */
    record OMap(LinkedHashMap<String, OEntry> entries, SourcePosition at) implements ONode {
        ONode get(String key) {
            OEntry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record OEntry(String key, SourcePosition keyAt, ONode value) {
    }

    record OList(List<ONode> items, SourcePosition at) implements ONode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A String, Long, Double, Boolean or null. {@code yaml11} is the word as written when PyYAML (YAML 1.1) read
     * it as a boolean and YAML 1.2 would not ({@code yes}, {@code no}, {@code on}, {@code off}), else null.
     */
    record OScalar(Object value, SourcePosition at, String yaml11) implements ONode {
        OScalar(Object value, SourcePosition at) {
            this(value, at, null);
        }

        @Override
        public String kind() {
            return value == null ? "null" : value instanceof String ? "a string" : "a " + (value instanceof Boolean
                    ? "boolean" : "number");
        }

        String text() {
            return value == null ? "" : value.toString();
        }
    }

    /** anyconfig's merge as 0.3 used it: mappings key by key, recursively; any other value replaced whole. */
    static OMap merge(OMap base, OMap over) {
        LinkedHashMap<String, OEntry> entries = new LinkedHashMap<>(base.entries());
        for (OEntry e : over.entries().values()) {
            OEntry old = entries.get(e.key());
            if (old != null && old.value() instanceof OMap a && e.value() instanceof OMap b) {
                entries.put(e.key(), new OEntry(e.key(), old.keyAt(), merge(a, b)));
            } else {
                entries.put(e.key(), e);
            }
        }
        return new OMap(entries, base.at());
    }
}
