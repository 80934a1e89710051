package org.miniascape.render;

import java.util.regex.Pattern;

/**
 * Quoting for POSIX shells (bash, and kickstart, whose lines pykickstart splits with shlex in POSIX mode).
 * Every value that reaches a generated script goes through {@link #quote}: single quotes make everything
 * literal — {@code $(...)}, backquotes, globs, newlines — and a single quote itself is written as {@code '\''}.
 */
public final class Shell {
    /** Characters that never need quoting: no shell meaning in any position of a word. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:./-]+");

    private Shell() {
    }

    /** One shell word that the shell reads back as exactly {@code value}. NUL cannot be passed to a program. */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed through a shell script");
        }
        if (!value.isEmpty() && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
