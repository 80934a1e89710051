package org.miniascape.validate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Line handling for config text that lands in line-oriented install files. Python's {@code str.splitlines}
 * (pykickstart, cloud-init) and YAML also break lines at VT, FF, FS/GS/RS, NEL, LS and PS, so those count as
 * line breaks here too: a description can never start a new kickstart command or YAML key.
 */
public final class Text {
    /** Every character some consumer of our files treats as a line break. */
    private static final Pattern LINE_BREAK =
            Pattern.compile("\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]");

    private Text() {
    }

    public static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        return List.of(LINE_BREAK.split(text, -1));
    }

    /** True when the text holds no control character and no line break of any kind. */
    public static boolean isSingleLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return true;
    }

    /** Whitespace as Python's {@code str.isspace} has it (pykickstart strips lines with {@code lstrip}). */
    public static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085' || (c >= 0x1c && c <= 0x1f);
    }

    /** The value as a one-line Java-style literal, so an error message shows control characters. */
    public static String printable(String value) {
        StringBuilder sb = new StringBuilder();
        value.codePoints().forEach(cp -> {
            if (Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
