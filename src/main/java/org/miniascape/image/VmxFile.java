package org.miniascape.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
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
        Charset cs = StandardCharsets.UTF_8;
        try {
            byte[] bytes = Files.readAllBytes(path);
            // The .encoding line (ASCII itself) names the charset of the rest; UTF-8 when absent.
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\.encoding\\s*=\\s*\"([^\"]+)\"")
                    .matcher(new String(bytes, StandardCharsets.ISO_8859_1));
            if (m.find()) {
                try {
                    cs = Charset.forName(m.group(1));
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
            values.put(key, unescape(value, cs));
        }
        if (!problems.isEmpty()) {
            throw MiniascapeException.badInput(String.join("\n", problems));
        }
        return new VmxFile(path, values);
    }

    /**
     * Decodes VMware's {@code |XX} escapes. They escape bytes of the file's encoding, so a run of them is one
     * byte sequence (a non-ASCII character is two or three escapes in UTF-8) and is decoded as a whole.
     */
    static String unescape(String v, Charset charset) {
        StringBuilder sb = new StringBuilder(v.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '|' && i + 2 < v.length() && isHex(v.charAt(i + 1)) && isHex(v.charAt(i + 2))) {
                escaped.write(Integer.parseInt(v.substring(i + 1, i + 3), 16));
                i += 2;
                continue;
            }
            if (escaped.size() > 0) {
                sb.append(new String(escaped.toByteArray(), charset));
                escaped.reset();
            }
            sb.append(c);
        }
        if (escaped.size() > 0) {
            sb.append(new String(escaped.toByteArray(), charset));
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
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
