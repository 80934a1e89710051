package org.miniascape.xml;

/** XPath 1.0 string literals for the queries that find an element of a libvirt document by its values. */
final class XPathLiteral {
    private XPathLiteral() {
    }

    /** The value as an XPath 1.0 string literal; one holding both quote kinds is built with concat(). */
    static String of(String value) {
        if (!value.contains("'")) {
            return "'" + value + "'";
        }
        if (!value.contains("\"")) {
            return "\"" + value + "\"";
        }
        StringBuilder sb = new StringBuilder("concat(");
        String[] parts = value.split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(", \"'\", ");
            }
            sb.append('\'').append(parts[i]).append('\'');
        }
        return sb.append(')').toString();
    }
}
