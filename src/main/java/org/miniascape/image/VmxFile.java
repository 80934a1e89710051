package org.miniascape.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.miniascape.MiniascapeException;

/**
 * A VMware .vmx file: {@code key = "value"} lines. Keys are case-insensitive (VMware treats them so) and kept
 * lower-cased; VMware's {@code |XX} escapes in values are decoded. Which keys were read is tracked, so the
 * converter can list what it left unmapped.
 */
public final class VmxFile {
    private final Path path;
    private final Map<String, String> values;
    private final Set<String> used = new TreeSet<>();

    private VmxFile(Path path, Map<String, String> values) {
        this.path = path;
        this.values = values;
    }

    public static VmxFile read(Path path) {
        List<String> lines;
        try {
            byte[] bytes = Files.readAllBytes(path);
            // The .encoding line (ASCII itself) names the charset of the rest; UTF-8 when absent.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\.encoding\\s*=\\s*\"([^\"]+)\"")
                    .matcher(new String(bytes, StandardCharsets.ISO_8859_1));
            java.nio.charset.Charset cs = StandardCharsets.UTF_8;
            if (m.find()) {
                try {
                    cs = java.nio.charset.Charset.forName(m.group(1));
                } catch (IllegalArgumentException e) {
                    throw MiniascapeException.badInput(path + ": unknown .encoding '" + m.group(1) + "'");
                }
            }
            lines = new String(bytes, cs).lines().toList();
        } catch (IOException e) {
            throw MiniascapeException.badInput("cannot read " + path + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(".encoding")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(path + ":" + (i + 1) + ": error: expected key = \"value\"");
                continue;
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            } else if (value.startsWith("\"")) {
                problems.add(path + ":" + (i + 1) + ": error: unterminated quoted value");
                continue;
            }
            values.put(key, unescape(value));
        }
        if (!problems.isEmpty()) {
            throw MiniascapeException.badInput(String.join("\n", problems));
        }
        return new VmxFile(path, values);
    }

    private static String unescape(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '|' && i + 2 < v.length() && v.substring(i + 1, i + 3).matches("[0-9A-Fa-f]{2}")) {
                sb.append((char) Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    public Path path() {
        return path;
    }

    public Optional<String> get(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (values.containsKey(k)) {
            used.add(k);
        }
        return Optional.ofNullable(values.get(k));
    }

    public boolean isTrue(String key) {
        return get(key).map(v -> v.equalsIgnoreCase("true") || v.equals("1")).orElse(false);
    }

    /** An integer value; a malformed one is a config error naming the key. */
    public Optional<Long> number(String key) {
        return get(key).map(v -> {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw MiniascapeException.badInput(path + ": " + key + " = \"" + v + "\" is not a number");
            }
        });
    }

    /** Every key, lower-cased, in file order. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** Marks keys as understood without reading them (e.g. bookkeeping keys that have no libvirt meaning). */
    public void consume(String key) {
        used.add(key.toLowerCase(Locale.ROOT));
    }

    public boolean used(String key) {
        return used.contains(key.toLowerCase(Locale.ROOT));
    }
}
