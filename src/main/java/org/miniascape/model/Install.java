package org.miniascape.model;

import java.util.Locale;
import java.util.Optional;

/**
 * How a guest gets its OS: {@code location} is an install tree (URL or directory) for kickstart/preseed;
 * {@code image} a disk or cloud image for import/cloud-init; {@code cdrom} an ISO.
 */
public record Install(Method method, Optional<String> location, Optional<String> image, Optional<String> cdrom,
                      Optional<String> extraArgs) {

    public enum Method {
        KICKSTART, PRESEED, CLOUD_INIT, IMPORT, NONE;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Method> fromKey(String key) {
            for (Method m : values()) {
                if (m.key().equals(key)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    public static final Install NONE = new Install(Method.NONE, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
}
