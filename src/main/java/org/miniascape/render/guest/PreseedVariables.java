package org.miniascape.render.guest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.xml.domain.DiskElement;

/**
 * The values of preseed.cfg. debconf takes the rest of a line as the value, so values need no quoting but must
 * be single lines (checked by {@link GuestChecks}); everything that is shell code runs from preseed-late.sh,
 * which is injected into the installer's initrd next to preseed.cfg.
 */
final class PreseedVariables {
    private PreseedVariables() {
    }

    static Map<String, Object> of(Guest guest, Site site, InstallTrees trees) {
        Map<String, Object> d = new LinkedHashMap<>();
        // An unattended d-i install needs all three: the defaults where the site sets none.
        d.put("locale", guest.localization().langOrDefault());
        d.put("keymap", keymap(guest.localization().keyboardOrDefault()));
        d.put("timezone", guest.localization().timezoneOrDefault());
        d.put("utc", guest.localization().utcClock());
        d.put("clock", guest.localization().utcClock() ? "UTC" : "local time");
        d.put("ntp_server", guest.localization().ntpServers().stream().findFirst().orElse(""));
        d.put("hostname", guest.name());
        d.put("domain", GuestFacts.domain(guest, site));
        NicAddress first = NicAddress.of(guest, site).stream().findFirst().orElse(null);
        Map<String, Object> net = new LinkedHashMap<>();
        if (first != null && first.isStatic()) {
            net.put("ip", first.ip());
            net.put("netmask", first.netmask());
            net.put("gateway", first.gateway().orElse(""));
            net.put("nameserver", first.nameserver().orElse(""));
        }
        d.put("static", net);
        Map<String, Object> mirror = new LinkedHashMap<>();
        trees.installerUrl(guest, site).flatMap(PreseedVariables::mirror).ifPresent(mirror::putAll);
        d.put("mirror", mirror);
        d.put("root_password_hash", guest.access().rootPasswordHash().orElse(""));
        Map<String, Object> user = new LinkedHashMap<>();
        guest.access().users().stream().findFirst().ifPresent(u -> {
            user.put("name", u.name());
            // "!": no password matches; the user logs in by key (preseed-late.sh).
            user.put("password_hash", u.passwordHash().orElse("!"));
            user.put("uid", u.uid().map(String::valueOf).orElse(""));
        });
        d.put("user", user);
        java.util.List<String> packages = new java.util.ArrayList<>(guest.software().packages());
        if (guest.access().anySudo() && !packages.contains("sudo")) {
            // The sudoers drop-in of preseed-late.sh needs sudo, which d-i installs only without a root password.
            packages.add("sudo");
        }
        d.put("packages", String.join(" ", packages));
        d.put("partman", PreseedLayout.of(guest.install().partitioning()));
        d.put("disk", guest.disks().isEmpty() ? "" : "/dev/" + DiskElement.of(guest.disks()).get(0).targetDev());
        d.put("serial_console", guest.hardware().serialConsole());
        return d;
    }

    /** xkb layouts are the first part of a console keymap name (jp106 → jp, de-latin1 → de). */
    static String keymap(String keyboard) {
        String k = keyboard.split("[-_]", 2)[0];
        return k.equals("jp106") ? "jp" : k;
    }

    /**
     * The HTTP mirror of a Debian install tree URL: host and the directory above {@code dists/} (the
     * netboot tree of an archive lies under it), else the URL's own path.
     */
    static Optional<Map<String, String>> mirror(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase().startsWith("http")
                    || uri.getHost() == null) {
                return Optional.empty();
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            int dists = path.indexOf("/dists/");
            String directory = dists >= 0 ? path.substring(0, dists) : path;
            if (directory.length() > 1 && directory.endsWith("/")) {
                directory = directory.substring(0, directory.length() - 1);
            }
            String host = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            return Optional.of(Map.of("protocol", uri.getScheme().toLowerCase(), "hostname", host,
                    "directory", directory.isEmpty() ? "/" : directory));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
