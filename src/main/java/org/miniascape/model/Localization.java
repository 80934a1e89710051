package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/**
 * A guest's timezone, console keymap and locale, each empty where the site sets none: cloud-init then leaves
 * the image's own settings alone, while kickstart and preseed, which need a value, write the defaults below. Its
 * time: whether the hardware clock (the RTC the domain gives it) keeps UTC (the default) or local time, and the
 * NTP servers it synchronizes with (none: the installer's or image's own choice).
 */
public record Localization(Optional<String> timezone, Optional<String> keyboard, Optional<String> lang,
                           boolean utcClock, List<String> ntpServers) {

    /** The timezone, console keymap and locale of an install that needs one when the site sets none. */
    public static final String DEFAULT_TIMEZONE = "UTC";
    public static final String DEFAULT_KEYBOARD = "us";
    public static final String DEFAULT_LANG = "en_US.UTF-8";

    /** A UTC hardware clock and no NTP servers of the site's. */
    public Localization(Optional<String> timezone, Optional<String> keyboard, Optional<String> lang) {
        this(timezone, keyboard, lang, true, List.of());
    }

    public String timezoneOrDefault() {
        return timezone.orElse(DEFAULT_TIMEZONE);
    }

    public String keyboardOrDefault() {
        return keyboard.orElse(DEFAULT_KEYBOARD);
    }

    public String langOrDefault() {
        return lang.orElse(DEFAULT_LANG);
    }
}
