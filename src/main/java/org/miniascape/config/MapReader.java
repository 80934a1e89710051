package org.miniascape.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.miniascape.config.YNode.Entry;
import org.miniascape.config.YNode.YList;
import org.miniascape.config.YNode.YMap;
import org.miniascape.config.YNode.YScalar;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Ipv4Cidr;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Origin;
import org.miniascape.model.SourcePosition;
import org.miniascape.validate.Problems;
import org.miniascape.validate.Suggestions;

/**
 * Reads the keys of one configuration mapping with their types. Every problem (an unknown key, a missing
 * required key, a value of the wrong type or format) is recorded at the value's position and the read returns
 * empty, so reading goes on and all problems are reported together.
 */
final class MapReader {
    private final YMap map;
    private final String what;
    private final Problems problems;

    /** {@code what} names the mapping in messages, e.g. "network 'net-1'". */
    MapReader(YMap map, String what, Set<String> allowedKeys, Problems problems) {
        this(map, what, problems);
        checkKeys(allowedKeys);
    }

    /** Without checking keys: for merged mappings whose parts were checked where they were written. */
    MapReader(YMap map, String what, Problems problems) {
        this.map = map;
        this.what = what;
        this.problems = problems;
    }

    /** Reports every key of the mapping that is not allowed, with a did-you-mean hint. */
    static void checkKeys(YMap map, String what, Set<String> allowedKeys, Problems problems) {
        new MapReader(map, what, problems).checkKeys(allowedKeys);
    }

    private void checkKeys(Set<String> allowedKeys) {
        for (Entry e : map.entries().values()) {
            if (!allowedKeys.contains(e.key())) {
                problems.add(e.keyAt(), "unknown key '" + e.key() + "' in " + what + didYouMean(e.key(), allowedKeys));
            }
        }
    }

    /** Expects a mapping; reports and returns empty otherwise. */
    static Optional<YMap> asMap(YNode node, String what, Problems problems) {
        if (node instanceof YMap m) {
            return Optional.of(m);
        }
        problems.add(node.at(), what + " must be a mapping (key: value), not " + node.kind());
        return Optional.empty();
    }

    YMap map() {
        return map;
    }

    boolean has(String key) {
        return map.has(key) && !(map.get(key) instanceof YScalar s && s.value() == null);
    }

    SourcePosition at() {
        return map.at();
    }

    SourcePosition at(String key) {
        YNode v = map.get(key);
        return v == null ? map.at() : v.at();
    }

    /** The positions of the mapping and each of its values, for later checks. */
    Origin origin() {
        Map<String, SourcePosition> keys = new LinkedHashMap<>();
        for (Entry e : map.entries().values()) {
            keys.put(e.key(), e.value().at());
        }
        return new Origin(map.at(), Map.copyOf(keys));
    }

    void missing(String key) {
        problems.add(map.at(), "missing required key '" + key + "' in " + what);
    }

    void error(String key, String message) {
        problems.add(at(key), message);
    }

    Optional<String> string(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        YNode v = map.get(key);
        if (v instanceof YScalar s && !(s.value() instanceof Boolean)) {
            return Optional.of(s.text());
        }
        problems.add(v.at(), "'" + key + "' of " + what + " must be a string, not " + v.kind());
        return Optional.empty();
    }

    Optional<String> requiredString(String key) {
        if (!has(key)) {
            missing(key);
            return Optional.empty();
        }
        return string(key);
    }

    Optional<Long> integer(String key, long min, long max) {
        if (!has(key)) {
            return Optional.empty();
        }
        YNode v = map.get(key);
        if (v instanceof YScalar s && s.value() instanceof Long n) {
            if (n < min || n > max) {
                problems.add(v.at(), "'" + key + "' of " + what + " must be between " + min + " and " + max
                        + ", not " + n);
                return Optional.empty();
            }
            return Optional.of(n);
        }
        problems.add(v.at(), "'" + key + "' of " + what + " must be a whole number, not " + v.kind()
                + (v instanceof YScalar s ? " '" + s.text() + "'" : ""));
        return Optional.empty();
    }

    /** The words YAML 1.1 (PyYAML, miniascape 0.3) read as booleans and YAML 1.2 (this format) as strings. */
    static final java.util.regex.Pattern YAML11_BOOLEAN = java.util.regex.Pattern.compile(
            "yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF");

    private static String yaml11Hint(YScalar s) {
        if (s.value() instanceof String t && YAML11_BOOLEAN.matcher(t).matches()) {
            boolean on = t.equalsIgnoreCase("yes") || t.equalsIgnoreCase("on");
            return " (YAML 1.1, that miniascape 0.3 read, takes it for a boolean; YAML 1.2, that this format is, for a"
                    + " string: write " + on + ")";
        }
        return "";
    }

    Optional<Boolean> bool(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        YNode v = map.get(key);
        if (v instanceof YScalar s && s.value() instanceof Boolean b) {
            return Optional.of(b);
        }
        problems.add(v.at(), "'" + key + "' of " + what + " must be true or false, not " + v.kind()
                + (v instanceof YScalar s ? " '" + s.text() + "'" + yaml11Hint(s) : ""));
        return Optional.empty();
    }

    /** A string from a fixed set of choices. */
    Optional<String> choice(String key, List<String> choices) {
        Optional<String> value = string(key);
        if (value.isPresent() && !choices.contains(value.get())) {
            problems.add(at(key), "'" + key + "' of " + what + " must be one of " + String.join(", ", choices)
                    + ", not '" + value.get() + "'" + didYouMean(value.get(), Set.copyOf(choices)));
            return Optional.empty();
        }
        return value;
    }

    Optional<Ipv4> ipv4(String key) {
        return parsed(key, Ipv4::parse, "an IPv4 address");
    }

    Optional<Ipv4Cidr> cidr(String key) {
        return parsed(key, Ipv4Cidr::parse, "a CIDR such as 192.0.2.0/24");
    }

    Optional<MacAddress> mac(String key) {
        Optional<MacAddress> mac = parsed(key, MacAddress::parse, "a MAC address such as 52:54:00:00:00:01");
        if (mac.isPresent() && mac.get().isMulticast()) {
            problems.add(at(key), "MAC " + mac.get() + " is a multicast address and cannot be given to an interface");
            return Optional.empty();
        }
        return mac;
    }

    private <T> Optional<T> parsed(String key, Function<String, T> parser, String expected) {
        if (!has(key)) {
            return Optional.empty();
        }
        YNode v = map.get(key);
        if (!(v instanceof YScalar s) || !(s.value() instanceof String text)) {
            problems.add(v.at(), "'" + key + "' of " + what + " must be " + expected + ", not " + v.kind()
                    + (v instanceof YScalar s ? " '" + s.text() + "'" : ""));
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(text.trim()));
        } catch (IllegalArgumentException e) {
            problems.add(v.at(), "'" + key + "' of " + what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A list of strings; a single string is accepted as a list of one. */
    List<String> strings(String key) {
        if (!has(key)) {
            return List.of();
        }
        YNode v = map.get(key);
        if (v instanceof YScalar s && s.value() instanceof String text) {
            return List.of(text);
        }
        if (!(v instanceof YList list)) {
            problems.add(v.at(), "'" + key + "' of " + what + " must be a list of strings, not " + v.kind());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YNode item : list.items()) {
            if (item instanceof YScalar s && s.value() != null && !(s.value() instanceof Boolean)) {
                out.add(s.text());
            } else {
                problems.add(item.at(), "items of '" + key + "' in " + what + " must be strings, not " + item.kind());
            }
        }
        return out;
    }

    /** A list of items, each given to {@code itemReader}; absent means empty. */
    List<YNode> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        YNode v = map.get(key);
        if (v instanceof YList list) {
            return list.items();
        }
        problems.add(v.at(), "'" + key + "' of " + what + " must be a list, not " + v.kind());
        return List.of();
    }

    Optional<YMap> submap(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        return asMap(map.get(key), "'" + key + "' of " + what, problems);
    }

    static String didYouMean(String word, Set<String> choices) {
        return Suggestions.didYouMean(word, choices);
    }
}
