package org.miniascape.render.guest;

import org.miniascape.render.Shell;

/**
 * One shell word built from quoted literals and expansions of the script's own variables, e.g.
 * {@code user-data="$here"/cloud-init/user-data}: config text only ever enters as a quoted literal.
 */
final class ShellWord {
    private final StringBuilder text = new StringBuilder();

    static ShellWord literal(String value) {
        return new ShellWord().lit(value);
    }

    ShellWord lit(String value) {
        if (!value.isEmpty()) {
            text.append(Shell.quote(value));
        }
        return this;
    }

    /** {@code "$name"}: a variable the script itself sets (never one named by config text). */
    ShellWord var(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a script variable: " + name);
        }
        text.append("\"$").append(name).append('"');
        return this;
    }

    @Override
    public String toString() {
        return text.length() == 0 ? "''" : text.toString();
    }
}
