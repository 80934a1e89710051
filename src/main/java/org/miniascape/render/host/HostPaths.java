package org.miniascape.render.host;

/**
 * Where the host package (host/Makefile + spec) installs a site's build output: everything under
 * {@code /usr/share/miniascape/SITE/} as built (networks/, guests/, host/), the standalone dnsmasq files where
 * their configuration expects them ({@link org.miniascape.render.DnsmasqPaths}), units and presets where
 * systemd looks.
 */
public final class HostPaths {
    public static final String SHARE = "/usr/share/miniascape";
    public static final String UNIT_DIR = "/usr/lib/systemd/system";
    public static final String PRESET_DIR = "/usr/lib/systemd/system-preset";
    public static final String DNSMASQ_UNIT = "miniascape-dnsmasq@.service";

    private HostPaths() {
    }

    public static String siteDir(String site) {
        return SHARE + "/" + site;
    }
}
