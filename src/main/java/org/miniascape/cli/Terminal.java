package org.miniascape.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Whether stderr is a terminal that can be redrawn, and how wide it is. A live display needs all three of: stderr
 * a terminal (isatty), a TERM that moves the cursor (not {@code dumb}), and no {@code NO_COLOR}-style opt-out
 * ({@code MINIASCAPE_PROGRESS=plain}).
 */
final class Terminal {
    /** The width used when the terminal does not tell its own. */
    static final int DEFAULT_COLUMNS = 80;
    private static final long TIOCGWINSZ = 0x5413;
    private static final int STDERR = 2;

    interface LibC extends Library {
        int isatty(int fd);

        int ioctl(int fd, long request, short[] winsize);
    }

    private Terminal() {
    }

    /** stderr's width when a live display may be drawn on it; empty for a pipe, a file, a dumb terminal. */
    static OptionalInt liveColumns(Map<String, String> env) {
        if ("plain".equals(env.get("MINIASCAPE_PROGRESS")) || "dumb".equals(env.getOrDefault("TERM", "dumb"))) {
            return OptionalInt.empty();
        }
        try {
            LibC libc = Native.load("c", LibC.class);
            if (libc.isatty(STDERR) != 1) {
                return OptionalInt.empty();
            }
            short[] size = new short[4];
            int columns = libc.ioctl(STDERR, TIOCGWINSZ, size) == 0 && size[1] > 0 ? size[1] : DEFAULT_COLUMNS;
            return OptionalInt.of(columns);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}
