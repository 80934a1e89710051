package org.miniascape.render.guest;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;

/**
 * Install trees and how installers reach them. A remote location (http, https, ftp, nfs) is used as it is. A
 * local directory is read by virt-install on the host, but the installer inside the guest needs it over the
 * network: the host's web server (host/nginx, host/httpd snippets) serves it at
 * {@code http://GATEWAY/miniascape/trees/KEY/} on the gateway of the guest's first network. A local ISO image
 * is no tree: virt-install attaches it as a CD-ROM ({@link org.miniascape.model.Install#isLocalIso}).
 */
public final class InstallTrees {
    public static final String URL_PREFIX = "/miniascape/trees/";
    public static final String GUESTS_URL_PREFIX = "/miniascape/guests/";

    /** Local tree directory → its key in the URL, stable and unique within the site. */
    private final Map<String, String> keys;

    private InstallTrees(Map<String, String> keys) {
        this.keys = keys;
    }

    public static InstallTrees of(Site site) {
        Map<String, String> keys = new TreeMap<>();
        Map<String, String> taken = new TreeMap<>();
        site.guests().stream()
                .map(g -> g.install().location())
                .flatMap(Optional::stream)
                .filter(l -> !isRemote(l) && !org.miniascape.model.Install.isLocalIso(l))
                .map(InstallTrees::stripSlash)
                .sorted()
                .distinct()
                .forEach(dir -> {
                    String base = baseKey(dir);
                    String key = base;
                    for (int n = 2; taken.containsKey(key); n++) {
                        key = base + "-" + n;
                    }
                    taken.put(key, dir);
                    keys.put(dir, key);
                });
        return new InstallTrees(keys);
    }

    static boolean isRemote(String location) {
        return org.miniascape.model.Install.isRemote(location);
    }

    private static String stripSlash(String dir) {
        return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    }

    private static String baseKey(String dir) {
        String base = dir.substring(dir.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return base.isEmpty() || base.startsWith(".") ? "tree" + base : base;
    }

    /** Local tree directories and their URL keys, sorted by directory. */
    public Map<String, String> localTrees() {
        return Map.copyOf(keys);
    }

    /** Where the installer inside the guest fetches the tree, when it can be reached at all. */
    public Optional<String> installerUrl(Guest guest, Site site) {
        Optional<String> location = guest.install().location();
        if (location.isEmpty()) {
            return Optional.empty();
        }
        if (isRemote(location.get())) {
            return location;
        }
        if (org.miniascape.model.Install.isLocalIso(location.get())) {
            return Optional.empty(); // attached as a CD-ROM by virt-install: nothing to fetch
        }
        String key = keys.get(stripSlash(location.get()));
        return gateway(guest, site).map(gw -> "http://" + gw + URL_PREFIX + key + "/");
    }

    /** The gateway of the guest's first network, where the host serves trees and install files. */
    static Optional<String> gateway(Guest guest, Site site) {
        if (guest.nics().isEmpty()) {
            return Optional.empty();
        }
        Nic first = guest.nics().get(0);
        return site.network(first.network()).flatMap(Network::gateway).map(Object::toString);
    }
}
