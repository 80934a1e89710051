package org.miniascape.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miniascape.MiniascapeException;

/** Durations on the command line: {@code 90s}, {@code 15m}, {@code 1h}, {@code 1h30m}, or whole seconds. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(?:(\\d{1,4})h)?(?:(\\d{1,5})m)?(?:(\\d{1,7})s?)?");

    private Durations() {
    }

    static Duration parse(String option, String text) {
        Matcher m = FORM.matcher(text.strip());
        if (text.isBlank() || !m.matches()) {
            throw MiniascapeException.badInput(option + ": '" + text + "' is not a duration (e.g. 90s, 15m, 1h30m)");
        }
        Duration d = Duration.ofHours(group(m, 1)).plusMinutes(group(m, 2)).plusSeconds(group(m, 3));
        if (d.isZero()) {
            throw MiniascapeException.badInput(option + ": a duration must be longer than 0");
        }
        return d;
    }

    private static long group(Matcher m, int i) {
        return m.group(i) == null ? 0 : Long.parseLong(m.group(i));
    }
}
