package org.miniascape.config;

import org.miniascape.model.SourcePosition;

/**
 * A configuration value as read from YAML, with the position it was written at. Plain data, so files can be
 * deep-merged and group defaults applied while every value keeps pointing at the file and line it came from.
 */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {

    SourcePosition at();

    /** What a user would call this kind of value in a message. */
    String kind();

    /** A mapping; keys keep their order and their own positions. */
    record YMap(java.util.LinkedHashMap<String, Entry> entries, SourcePosition at) implements YNode {
        public YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** One key of a mapping: where the key is written and its value. */
    record Entry(String key, SourcePosition keyAt, YNode value) {
    }

    record YList(java.util.List<YNode> items, SourcePosition at) implements YNode {
        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A scalar: {@code value} is a String, Long, Double, Boolean or null (YAML 1.2 core schema). */
    record YScalar(Object value, SourcePosition at) implements YNode {
        @Override
        public String kind() {
            if (value == null) {
                return "null";
            }
            if (value instanceof String) {
                return "a string";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            return "a number";
        }

        /** The scalar as text (numbers and booleans as written in canonical form). */
        public String text() {
            return value == null ? "" : value.toString();
        }
    }
}
