package org.miniascape.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.miniascape.model.SourcePosition;

/** The new site as it is written: block-style YAML, comments where a value was changed or dropped. */
abstract sealed class Out permits Out.OutMap, Out.OutList, Out.OutScalar {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern RESERVED = Pattern.compile("(?i)true|false|null|yes|no|on|off|y|n|~");

    /** Where the value was written in OLD (null: made by the migration). */
    final SourcePosition origin;
    final List<String> comments = new ArrayList<>();

    Out(SourcePosition origin) {
        this.origin = origin;
    }

    void comment(String text) {
        comments.add(text);
    }

    static final class OutMap extends Out {
        final LinkedHashMap<String, Out> entries = new LinkedHashMap<>();

        OutMap(SourcePosition origin) {
            super(origin);
        }

        void put(String key, Out value) {
            entries.put(key, value);
        }

        Out get(String key) {
            return entries.get(key);
        }
    }

    static final class OutList extends Out {
        final List<Out> items = new ArrayList<>();

        OutList(SourcePosition origin) {
            super(origin);
        }
    }

    static final class OutScalar extends Out {
        final Object value;

        OutScalar(Object value, SourcePosition origin) {
            super(origin);
            this.value = value;
        }

        String yaml() {
            if (value == null) {
                return "null";
            }
            if (value instanceof Boolean || value instanceof Long || value instanceof Double) {
                return value.toString();
            }
            String s = value.toString();
            if (PLAIN.matcher(s).matches() && !RESERVED.matcher(s).matches()) {
                return s;
            }
            StringBuilder b = new StringBuilder("\"");
            s.codePoints().forEach(c -> {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\x%02x", c));
                        } else {
                            b.appendCodePoint(c);
                        }
                    }
                }
            });
            return b.append('"').toString();
        }
    }

    /** The YAML text, and for each of its lines the OLD position of the value written there (or null). */
    record Text(String yaml, List<SourcePosition> origins) {
    }

    static Text write(List<String> header, OutMap root) {
        Writer w = new Writer();
        for (String h : header) {
            w.line("# " + h, null);
        }
        w.map(root, 0);
        return new Text(w.text.toString(), w.origins);
    }

    private static final class Writer {
        final StringBuilder text = new StringBuilder();
        final List<SourcePosition> origins = new ArrayList<>();

        void line(String s, SourcePosition origin) {
            text.append(s).append('\n');
            origins.add(origin);
        }

        void comments(Out v, String indent) {
            for (String c : v.comments) {
                line(indent + "# " + c, v.origin);
            }
        }

        /** A mapping's entries at {@code indent}; {@code first} prefixes the first line (a list's "- "). */
        void map(OutMap m, int indent) {
            entries(m, " ".repeat(indent), " ".repeat(indent), indent);
        }

        void entries(OutMap m, String firstPrefix, String prefix, int indent) {
            boolean first = true;
            for (var e : m.entries.entrySet()) {
                String p = first ? firstPrefix : prefix;
                first = false;
                Out v = e.getValue();
                comments(v, prefix);
                if (v instanceof OutScalar s) {
                    line(p + e.getKey() + ": " + s.yaml(), v.origin);
                } else if (v instanceof OutMap sub && sub.entries.isEmpty()) {
                    line(p + e.getKey() + ": {}", v.origin);
                } else if (v instanceof OutList l && l.items.isEmpty()) {
                    line(p + e.getKey() + ": []", v.origin);
                } else {
                    line(p + e.getKey() + ":", v.origin);
                    value(v, indent + 2);
                }
            }
            if (first) {
                line(firstPrefix + "{}", m.origin);
            }
        }

        void value(Out v, int indent) {
            String pad = " ".repeat(indent);
            if (v instanceof OutMap m) {
                map(m, indent);
            } else if (v instanceof OutList l) {
                for (Out item : l.items) {
                    comments(item, pad);
                    if (item instanceof OutScalar s) {
                        line(pad + "- " + s.yaml(), item.origin);
                    } else if (item instanceof OutMap m) {
                        entries(m, pad + "- ", pad + "  ", indent + 2);
                    } else {
                        line(pad + "-", item.origin);
                        value(item, indent + 2);
                    }
                }
            }
        }
    }
}
