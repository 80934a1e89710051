package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;

/**
 * What the guest outputs need of the values beyond what the site validator checks: values that become a
 * virt-install suboption contain no comma (virt-install splits on it), values of line-oriented install files
 * hold no line break, package and service names look like names. All problems of a guest are reported at once,
 * each with the position of its key.
 */
final class GuestChecks {
    static final Set<String> BUSES = Set.of("virtio", "scsi", "sata");
    static final Set<String> FORMATS = Set.of("qcow2", "raw");
    static final Set<String> CACHES = Set.of("none", "writeback", "writethrough", "directsync", "unsafe", "default");
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9@^._+:*~-][A-Za-z0-9@^._+:*~/-]*");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9@._:-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9_+.-][A-Za-z0-9_+.@:-]*");

    private final Guest guest;
    private final List<String> problems = new ArrayList<>();

    private GuestChecks(Guest guest) {
        this.guest = guest;
    }

    /** Checks every guest of the site and reports all problems at once (exit 2). */
    static void check(Site site) {
        List<String> all = new ArrayList<>();
        for (Guest guest : site.guests()) {
            GuestChecks c = new GuestChecks(guest);
            c.run(site);
            all.addAll(c.problems);
        }
        if (!all.isEmpty()) {
            throw MiniascapeException.badInput(String.join("\n", all));
        }
    }

    private void problem(String key, String message) {
        problems.add(guest.origin().of(key) + ": guest " + guest.name() + ": " + key + ": " + message);
    }

    private void run(Site site) {
        matches("name", guest.name(), NAME, "a host name (letters, digits, '-', '.', '_')");
        if (!guest.description().chars().allMatch(c -> c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f))) {
            // XML 1.0 cannot hold most control characters; a CR would not survive XML's line-end handling.
            problem("description", "must not contain control characters other than newline and tab");
        }
        if (!Text.isSingleLine(site.name())) {
            problem("name", "the site's name must be a single line without control characters");
        }
        word("os_variant", guest.osVariant());
        word("arch", guest.arch());
        guest.machine().ifPresent(m -> word("machine", m));
        for (int i = 0; i < guest.disks().size(); i++) {
            disk("disks[" + i + "]", guest.disks().get(i), site);
        }
        for (int i = 0; i < guest.nics().size(); i++) {
            Nic n = guest.nics().get(i);
            String key = "interfaces[" + i + "]";
            if (site.network(n.network()).isEmpty()) {
                problem(key + ".network", "no network '" + n.network() + "' in the site");
            }
            word(key + ".network", n.network());
            word(key + ".model", n.model());
        }
        singleLine("timezone", guest.timezone());
        singleLine("keyboard", guest.keyboard());
        singleLine("lang", guest.lang());
        guest.rootPasswordHash().ifPresent(h -> singleLine("root_password", h));
        for (String k : guest.sshAuthorizedKeys()) {
            singleLine("ssh_authorized_keys", k);
        }
        for (String p : guest.packages()) {
            matches("packages", p, PACKAGE, "a package name (or @group, -exclusion)");
        }
        for (String s : guest.servicesEnabled()) {
            matches("services.enabled", s, SERVICE, "a service name");
        }
        for (String s : guest.servicesDisabled()) {
            matches("services.disabled", s, SERVICE, "a service name");
        }
        guest.postScript().ifPresent(script -> {
            for (String line : Text.lines(script)) {
                if (line.strip().startsWith("%end")) {
                    problem("post_script", "a line '%end' would end the kickstart %post section early");
                }
            }
        });
        install(guest.install());
    }

    private void install(Install install) {
        install.location().ifPresent(l -> {
            singleLine("install.location", l);
            noComma("install.location", l);
        });
        install.image().ifPresent(i -> {
            singleLine("install.image", i);
            noComma("install.image", i);
        });
        install.cdrom().ifPresent(c -> {
            singleLine("install.cdrom", c);
            noComma("install.cdrom", c);
        });
        install.extraArgs().ifPresent(a -> singleLine("install.extra_args", a));
        switch (install.method()) {
            case KICKSTART, PRESEED -> {
                if (install.location().isEmpty() && install.cdrom().isEmpty()) {
                    problem("install.location", "install method " + install.method().key()
                            + " needs install.location (an install tree: URL or directory) or install.cdrom");
                }
            }
            case CLOUD_INIT -> {
                if (guest.disks().isEmpty()) {
                    problem("disks", "install method cloud-init needs a disk (an overlay of the cloud image)");
                } else if (install.image().isEmpty() && guest.disks().get(0).backing().isEmpty()) {
                    problem("install.image", "install method cloud-init needs install.image (the cloud image "
                            + "volume the first disk is an overlay of) or disks[0].backing");
                }
            }
            case IMPORT -> {
                if (guest.disks().isEmpty()) {
                    problem("disks", "install method import needs a disk to boot from");
                }
            }
            case NONE -> {
            }
        }
    }

    private void disk(String key, Disk d, Site site) {
        if (!BUSES.contains(d.bus())) {
            problem(key + ".bus", "'" + d.bus() + "' is not one of " + sorted(BUSES));
        }
        if (!FORMATS.contains(d.format())) {
            problem(key + ".format", "'" + d.format() + "' is not one of " + sorted(FORMATS));
        }
        if (!CACHES.contains(d.cache())) {
            problem(key + ".cache", "'" + d.cache() + "' is not one of " + sorted(CACHES));
        }
        if (d.sizeGib() <= 0) {
            problem(key + ".size", "must be a positive number of GiB");
        }
        if (site.storagePool(d.pool()).isEmpty()) {
            problem(key + ".pool", "no storage pool '" + d.pool() + "' in the site");
        }
        word(key + ".pool", d.pool());
        matches(key + ".volume", d.volume(), VOLUME, "a volume name (letters, digits, . _ + - @ :)");
        d.backing().ifPresent(b -> {
            singleLine(key + ".backing", b);
            noComma(key + ".backing", b);
        });
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", new java.util.TreeSet<>(values));
    }

    private void word(String key, String value) {
        matches(key, value, WORD, "letters, digits, '.', '_' and '-' only");
    }

    private void matches(String key, String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            problem(key, "'" + printable(value) + "': expected " + what);
        }
    }

    private void singleLine(String key, String value) {
        if (!Text.isSingleLine(value)) {
            problem(key, "must be a single line without control characters");
        }
    }

    private void noComma(String key, String value) {
        if (value.indexOf(',') >= 0) {
            problem(key, "must not contain ',' (virt-install splits its option values at commas)");
        }
    }

    /** The value as a one-line Java-style literal, so an error message shows control characters. */
    private static String printable(String value) {
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
