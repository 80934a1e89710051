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

    /**
     * A local install tree directory that the host's web server can serve under a URL as it is: an absolute
     * path of these characters only (it is written into nginx and httpd configuration unquoted).
     */
    public static final java.util.regex.Pattern SERVABLE_TREE = java.util.regex.Pattern.compile("/[A-Za-z0-9._/+@:-]*");

    /** A location the installer fetches itself (http, https, ftp, nfs); anything else is a local directory. */
    public static boolean isRemote(String location) {
        return location.matches("(?i)(https?|ftp|nfs)://.*");
    }

    public static final Install NONE = new Install(Method.NONE, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());
}
