package org.miniascape.render.guest;

/**
 * YAML double-quoted scalars that every YAML 1.1 and 1.2 parser (PyYAML in cloud-init, snakeyaml) reads back
 * as exactly the value: only printable ASCII is written as it is, everything else as an escape, so no line
 * break, tab or look-alike character can end the scalar or start a new key.
 */
public final class Yaml {
    private Yaml() {
    }

    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                sb.append('\\').append((char) cp);
            } else if (cp >= 0x20 && cp < 0x7f) {
                sb.append((char) cp);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp <= 0xff) {
                sb.append(String.format("\\x%02X", cp));
            } else if (cp <= 0xffff) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.append(String.format("\\U%08X", cp));
            }
        });
        return sb.append('"').toString();
    }
}
