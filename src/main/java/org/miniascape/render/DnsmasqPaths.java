package org.miniascape.render;

/**
 * Where the standalone dnsmasq's files live once installed on the host: the generated configuration refers to
 * its hostsfile and addn-hosts file by these absolute paths, so they are fixed rather than relative to the
 * work directory (which moves with every build).
 */
public final class DnsmasqPaths {
    /** Copy the generated {@code networks/} files here. */
    public static final String CONFIG_DIR = "/etc/miniascape/networks";
    /** pid files, one per network. */
    public static final String RUN_DIR = "/run/miniascape";
    /** lease files, one per network; must survive restarts, hence not under /run. */
    public static final String STATE_DIR = "/var/lib/miniascape";

    private DnsmasqPaths() {
    }

    public static String conf(String network) {
        return CONFIG_DIR + "/" + network + ".dnsmasq.conf";
    }

    public static String hostsfile(String network) {
        return CONFIG_DIR + "/" + network + ".hostsfile";
    }

    public static String addnHosts(String network) {
        return CONFIG_DIR + "/" + network + ".addn-hosts";
    }

    public static String pidFile(String network) {
        return RUN_DIR + "/" + network + ".dnsmasq.pid";
    }

    public static String leaseFile(String network) {
        return STATE_DIR + "/" + network + ".leases";
    }
}
