package org.miniascape.validate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.util.regex.Pattern;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Nic;
import org.miniascape.model.SourcePosition;
import org.miniascape.model.Site;
import org.miniascape.render.guest.InstallMethod;

/**
 * What the guest outputs need of the values beyond the type and cross-reference checks of the reader and
 * {@link SiteValidator}, run on the resolved site before anything is generated: values that become a
 * virt-install suboption contain no comma (virt-install splits on it), values of line-oriented install files
 * hold no line break, package and service names look like names, a direct kernel boot names absolute paths
 * ({@link KernelBootChecks}). All problems of a guest are reported at once,
 * each with the position of its key.
 */
public final class GuestChecks {
    private static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9@^._+:*~-][A-Za-z0-9@^._+:*~/-]*");
    private static final Pattern SERVICE = Pattern.compile("[A-Za-z0-9@._:-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]+");
    /** A repository's base URL: one of the schemes the installer fetches from, no blank or control character. */
    private static final Pattern REPO_URL = Pattern.compile("(?i)(https?|ftp|nfs|file)://[\\x21-\\x7e]+");
    private static final Pattern PORT = Pattern.compile("(\\d{1,5})/(tcp|udp)");
    private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9_+.-][A-Za-z0-9_+.@:-]*");

    private final Guest guest;
    private final Problems problems;
    /** What {@code bash -n} said of each post_script text (empty: it parses); one run per distinct script. */
    private final Map<String, Optional<String>> shellSyntax;

    private GuestChecks(Guest guest, Problems problems, Map<String, Optional<String>> shellSyntax) {
        this.guest = guest;
        this.problems = problems;
        this.shellSyntax = shellSyntax;
    }

    /** Checks every guest of the resolved site; problems are collected with the others (exit 2). */
    public static void check(Site site, Problems problems) {
        Map<String, Optional<String>> shellSyntax = new HashMap<>();
        for (Guest guest : site.guests()) {
            new GuestChecks(guest, problems, shellSyntax).run(site);
        }
    }

    private void problem(String key, String message) {
        problems.add(position(key), "guest '" + guest.name() + "': " + key + ": " + message);
    }

    /** The position of a key such as {@code disks[1].backing} or {@code install.location}. */
    private SourcePosition position(String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(disks|interfaces)\\[(\\d+)]\\.(\\w+)").matcher(key);
        if (m.matches()) {
            int i = Integer.parseInt(m.group(2));
            return m.group(1).equals("disks") ? guest.disks().get(i).origin().of(m.group(3))
                    : guest.nics().get(i).origin().of(m.group(3));
        }
        int dot = key.indexOf('.');
        if (key.startsWith("boot.") && guest.hardware().kernelBoot().isPresent()) {
            return guest.hardware().kernelBoot().get().origin().of(key.substring(dot + 1));
        }
        return guest.origin().of(dot < 0 ? key : key.substring(0, dot));
    }

    private void run(Site site) {
        matches("name", guest.name(), NAME, "a host name (letters, digits, '-', '.', '_')");
        if (!guest.description().chars().allMatch(c -> c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f))) {
            // XML 1.0 cannot hold most control characters; a CR would not survive XML's line-end handling.
            problem("description", "must not contain control characters other than newline and tab");
        } else if (Text.lines(guest.description()).stream().anyMatch(l -> l.endsWith("\\"))) {
            problem("description", "a line must not end with a backslash (it becomes a comment line of preseed.cfg, "
                    + "and debconf continues a line that ends with one)");
        }
        if (!Text.isSingleLine(site.name())) {
            problem("name", "the site's name must be a single line without control characters");
        }
        word("os_variant", guest.hardware().osVariant());
        word("arch", guest.hardware().arch());
        guest.hardware().machine().ifPresent(m -> word("machine", m));
        for (int i = 0; i < guest.disks().size(); i++) {
            disk("disks[" + i + "]", guest.disks().get(i));
        }
        for (int i = 0; i < guest.nics().size(); i++) {
            Nic n = guest.nics().get(i);
            String key = "interfaces[" + i + "]";
            word(key + ".network", n.network());
            word(key + ".model", n.model());
        }
        guest.localization().timezone().ifPresent(v -> singleLine("timezone", v));
        guest.localization().keyboard().ifPresent(v -> singleLine("keyboard", v));
        guest.localization().lang().ifPresent(v -> singleLine("lang", v));
        guest.access().rootPasswordHash().ifPresent(h -> singleLine("root_password", h));
        for (String k : guest.access().sshAuthorizedKeys()) {
            singleLine("ssh_authorized_keys", k);
        }
        boolean kickstart = guest.install().method() == Install.Method.KICKSTART;
        for (String p : guest.software().packages()) {
            matches("packages", p, PACKAGE, "a package name (or @group, -exclusion)");
            if (!kickstart && (p.startsWith("-") || p.startsWith("@"))) {
                // preseed's pkgsel/include and cloud-init's packages hand names to apt: '-x' would be an option.
                problem("packages", "'" + Text.printable(p) + "': groups (@group) and exclusions (-package) are"
                        + " kickstart's %packages syntax; a " + guest.install().method().key() + " guest installs"
                        + " packages by name");
            }
        }
        for (String s : guest.software().servicesEnabled()) {
            matches("services.enabled", s, SERVICE, "a service name");
        }
        for (String s : guest.software().servicesDisabled()) {
            matches("services.disabled", s, SERVICE, "a service name");
        }
        for (org.miniascape.model.Repo repo : guest.software().repos()) {
            if (!Text.isSingleLine(repo.name()) || repo.name().isBlank()) {
                problems.add(repo.origin().of("name"), "guest '" + guest.name() + "': repos: name '"
                        + Text.printable(repo.name()) + "' must be a single line without control characters");
            }
            if (!REPO_URL.matcher(repo.baseurl()).matches()) {
                problems.add(repo.origin().of("baseurl"), "guest '" + guest.name() + "': repos: baseurl '"
                        + Text.printable(repo.baseurl()) + "' must be an http, https, ftp, nfs or file URL without"
                        + " blanks");
            }
        }
        for (String p : guest.software().firewallPorts()) {
            java.util.regex.Matcher m = PORT.matcher(p);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535) {
                problem("firewall", "port '" + Text.printable(p) + "' must be PORT/tcp or PORT/udp, PORT 1 to 65535");
            }
        }
        guest.software().postScript().ifPresent(script -> {
            List<String> lines = Text.lines(script);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int start = 0;
                while (start < line.length() && Text.isPythonSpace(line.charAt(start))) {
                    start++;
                }
                if (line.startsWith("%", start)) {
                    // pykickstart ends %post at a line starting %end, or at the header of any section (%pre,
                    // %packages, %addon, ...), follows %include and %ksappend there: no line may start with '%'.
                    problem("post_script", "line " + (i + 1) + " '" + Text.printable(line.strip()) + "' starts with '%':"
                            + " in kickstart's %post it would end the section or start another (%end, %pre, "
                            + "%packages, %include ...)");
                }
            }
            shellSyntax.computeIfAbsent(script, GuestChecks::shellSyntax).ifPresent(error -> problem("post_script",
                    "does not parse as shell (it is written into preseed-late.sh and kickstart's %post as it is): "
                            + error));
        });
        install(guest.install());
        SystemChecks.check(guest, this::problem);
        InstallLayoutChecks.check(guest, problems);
        wayIn();
        guest.hardware().kernelBoot().ifPresent(b -> KernelBootChecks.check(b, guest.install(), this::problem));
    }

    /**
     * A warning, not an error, for a guest whose install miniascape writes (kickstart, preseed, cloud-init, an
     * import with its seed) without a root password or an SSH key, and no user with either: it locks root's
     * password and authorizes no key, so nobody can log in (a guest of method none or a plain import keeps whatever
     * its image has).
     */
    private void wayIn() {
        Install install = guest.install();
        boolean configured = install.method().installer() || install.method() == Install.Method.CLOUD_INIT
                || install.method() == Install.Method.IMPORT && install.seed();
        if (configured && !guest.access().hasWayIn()) {
            boolean users = !guest.access().users().isEmpty();
            problems.warn(guest.origin().at(), "guest '" + guest.name() + "' has no root_password and no"
                    + " ssh_authorized_keys" + (users ? ", and none of its users has a password or a key" : "")
                    + ": no way in (its " + install.method().key() + " install locks root's password and authorizes"
                    + " no key); give one of them");
        }
    }

    /**
     * {@code bash -n} of the script (bash parses it, runs nothing): empty when it parses without a word, else
     * what bash said, with the script's own line numbers. A warning counts too: a here-document that runs to the
     * end of the script would swallow the rest of the file it is embedded in.
     */
    static Optional<String> shellSyntax(String script) {
        ExecResult r = new Executor().run(Command.of("bash", "-n", "/dev/stdin").stdin(script)
                .timeout(Duration.ofSeconds(30)));
        String said = r.stderr().strip().replace("/dev/stdin: ", "");
        if (r.ok() && said.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(said.isEmpty() ? "bash -n exited " + r.exitCode() : Text.printable(said.replace("\n", "; ")));
    }

    private void install(Install install) {
        install.location().ifPresent(l -> {
            singleLine("install.location", l);
            optionValue("install.location", l);
            if (!Install.isRemote(l) && !Install.isLocalIso(l) && !Install.SERVABLE_TREE.matcher(l).matches()) {
                problem("install.location", "'" + Text.printable(l) + "': a local install tree is served to the "
                        + "installer over HTTP, so it must be an absolute path of letters, digits and . _ / + @ : - "
                        + "(or give an http, https, ftp or nfs URL)");
            }
        });
        install.image().ifPresent(i -> {
            singleLine("install.image", i);
            noComma("install.image", i);
        });
        install.cdrom().ifPresent(c -> {
            singleLine("install.cdrom", c);
            optionValue("install.cdrom", c);
        });
        install.extraArgs().ifPresent(a -> singleLine("install.extra_args", a));
        for (InstallMethod.Requirement r : InstallMethod.of(install.method()).requirements(guest)) {
            problem(r.key(), r.message());
        }
    }

    private void disk(String key, Disk d) {
        word(key + ".pool", d.pool());
        matches(key + ".volume", d.volume(), VOLUME, "a volume name (letters, digits, . _ + - @ :)");
        d.declaredBacking().ifPresent(b -> {
            singleLine(key + ".backing", b);
            noComma(key + ".backing", b);
        });
    }

    private void word(String key, String value) {
        matches(key, value, WORD, "letters, digits, '.', '_' and '-' only");
    }

    private void matches(String key, String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            problem(key, "'" + Text.printable(value) + "': expected " + what);
        }
    }

    /**
     * A value of line-oriented files: one line, no control characters, and no backslash at its end (debconf
     * reads a line that ends with a backslash as continuing on the next, so preseed.cfg would lose a line).
     */
    private void singleLine(String key, String value) {
        if (!Text.isSingleLine(value)) {
            problem(key, "must be a single line without control characters");
        } else if (value.endsWith("\\")) {
            problem(key, "must not end with a backslash (debconf would join the next line of preseed.cfg to it)");
        }
    }

    /**
     * The first value of a virt-install option ({@code --location VALUE}, {@code --cdrom VALUE}): virt-install
     * splits it at commas into suboptions and reads a part holding '=' as KEY=VALUE, so it holds neither.
     */
    private void optionValue(String key, String value) {
        noComma(key, value);
        if (value.indexOf('=') >= 0) {
            problem(key, "must not contain '=' (virt-install would read the part before it as an option name)");
        }
    }

    private void noComma(String key, String value) {
        if (value.indexOf(',') >= 0) {
            problem(key, "must not contain ',' (virt-install splits its option values at commas)");
        }
    }
}
