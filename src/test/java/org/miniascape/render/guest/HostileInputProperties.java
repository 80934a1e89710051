package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Site;
import org.miniascape.testing.Tools;

/**
 * Hostile text in every free-text key of a guest: quotes, {@code $(...)}, backquotes, newlines, shell and
 * kickstart syntax, unicode line separators. Each value either is refused as bad input (exit 2, naming the
 * key), or every output reads it back as exactly that value — kickstart split the way pykickstart splits
 * (Python's shlex), debconf lines, YAML, XML — while the scripts pass bash -n and shellcheck and, run for real
 * ({@code vmbuild.sh --dry-run} and {@code net_register.sh} against a test-driver libvirt), never run any of
 * it: every value tries to create a marker file, which must never appear.
 */
class HostileInputProperties {
    static Path root;
    static Path marker;
    /** Lines of a kickstart file as pykickstart tokenizes them: shlex.split(line, comments=True). */
    static final String KS_TOKENS = String.join("\n",
            "import json, shlex, sys",
            "out, section = [], False",
            "for line in open(sys.argv[1], encoding='utf-8').read().splitlines():",
            "    s = line.strip()",
            "    if section:",
            "        section = s != '%end'",
            "        continue",
            "    if s.startswith('%'):",
            "        section = True",
            "        continue",
            "    if s and not s.startswith('#'):",
            "        try:",
            "            out.append(shlex.split(s, comments=True))",
            "        except ValueError as e:",
            "            sys.exit('%s: %r' % (e, line))",
            "print(json.dumps(out))", "");

    enum Key { DESCRIPTION, TIMEZONE, KEYBOARD, LANG, SSH_KEY, LOCATION, EXTRA_ARGS, IMAGE, PACKAGE, SERVICE }

    @BeforeContainer
    static void makeRoot() throws IOException {
        root = Files.createTempDirectory("hostile-");
        marker = root.resolve("MARKER");
        Files.writeString(root.resolve("ks_tokens.py"), KS_TOKENS);
    }

    @AfterContainer
    static void removeRoot() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> hostile() {
        String touch = "touch " + root.resolve("MARKER");
        Arbitrary<String> fragment = Arbitraries.of("'", "\"", "$(" + touch + ")", "`" + touch + "`", "\n", ";",
                " && " + touch, "|" + touch, "${IFS}", "\\", "%end", "%post", "#", " ", "é", "日本語", "\u2028",
                "\u0085", "😀", "</description>", "<!--", "&amp;", "{{ guest.name }}", "{% raw %}", "-- ", ",",
                "\t", "\r\n", "key: value", "- item", "!", "*", "~", "$HOME");
        return fragment.list().ofMinSize(1).ofMaxSize(6)
                .map(parts -> "a" + String.join("", parts) + "$(" + touch + ")");
    }

    @Property(tries = 20)
    void hostileTextIsRefusedOrStaysData(@ForAll Key key, @ForAll("hostile") String value) throws Exception {
        Statistics.label("outcome").collect(check(key, value) ? "accepted" : "refused");
    }

    /** Values without line breaks go through every key that is free text and come out as data. */
    @Example
    void quotesSubstitutionsAndUnicodeAreAcceptedAsData() throws Exception {
        String touch = "touch " + root.resolve("MARKER");
        String value = "a'\"$(" + touch + ")`" + touch + "`;" + touch + " {{ guest.name }} é日本😀 %end #x";
        for (Key key : List.of(Key.DESCRIPTION, Key.TIMEZONE, Key.KEYBOARD, Key.LANG, Key.SSH_KEY,
                Key.EXTRA_ARGS)) {
            assertThat(check(key, value)).as(key.toString()).isTrue();
        }
        assertThat(check(Key.DESCRIPTION, "line 1\n%post\n" + touch + "\n")).isTrue();
        // A backslash before a quote: correct single-quoting that shellcheck's SC1003 heuristic mistrusts.
        assertThat(check(Key.EXTRA_ARGS, "a\\'b'\\$(" + touch + ")")).isTrue();
    }

    /** Names and values that cannot be written safely are refused with the key's name, before any output. */
    @Example
    void lineBreaksAndNonNamesAreRefused() throws Exception {
        assertThat(check(Key.TIMEZONE, "UTC\n%post\ntouch " + marker)).isFalse();
        assertThat(check(Key.PACKAGE, "vim; touch " + marker)).isFalse();
        assertThat(check(Key.SERVICE, "sshd --now")).isFalse();
        assertThat(check(Key.LOCATION, "/srv/tree,kernel=x")).isFalse();
        assertThat(check(Key.SSH_KEY, "ssh-ed25519 AAAA\u2028x")).isFalse();
    }

    /** True when the value was accepted (and all checks passed), false when it was refused as bad input. */
    boolean check(Key key, String value) throws Exception {
        Path dir = Files.createTempDirectory(root, "try-");
        GuestTestHost host = new GuestTestHost(dir);
        Site site = GuestScenarios.site(List.of(
                apply(key, value, GuestScenarios.guest("ks-1").os("rhel9.0")
                        .disk("default", 10, "virtio", "qcow2", "none")
                        .nic("net-1", "52:54:00:05:01:71", "198.51.100.71")
                        .install(Install.Method.KICKSTART, host.tree.toString(), null)),
                apply(key, value, GuestScenarios.guest("preseed-1").os("debian11")
                        .disk("default", 10, "virtio", "qcow2", "none")
                        .nic("net-1", "52:54:00:05:01:72", "198.51.100.72")
                        .install(Install.Method.PRESEED, host.tree.toString(), null)),
                apply(key, value, GuestScenarios.guest("cloud-1").os("ubuntu22.04")
                        .disk("default", 10, "virtio", "qcow2", "none")
                        .nic("net-1", "52:54:00:05:01:73", "198.51.100.73")
                        .install(Install.Method.CLOUD_INIT, null, "base.qcow2"))));
        Path work;
        try {
            // The value checks that loading a site runs (SiteLoader), on this site built by hand.
            org.miniascape.validate.Problems problems = new org.miniascape.validate.Problems();
            org.miniascape.validate.GuestChecks.check(site, problems);
            problems.throwIfAny();
            work = GuestTestHost.generate(site, dir.resolve("work"));
        } catch (MiniascapeException e) {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains(keyName(key));
            assertThat(marker).doesNotExist();
            return false;
        }
        host.write(site);
        for (Guest g : site.guests()) {
            Path gd = work.resolve("guests/" + g.name());
            List<String> scripts = new ArrayList<>();
            try (Stream<Path> files = Files.list(gd)) {
                files.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(p -> scripts.add(p.toString()));
            }
            for (String s : scripts) {
                Tools.assertSucceeds("bash", "-n", s);
            }
            List<String> lint = new ArrayList<>(List.of("shellcheck"));
            lint.addAll(scripts);
            Tools.assertSucceeds(lint.toArray(String[]::new));
            checkData(key, value, g, gd);
            ExecResult build = host.run(gd.resolve("vmbuild.sh"), "--dry-run");
            if (key != Key.LOCATION && key != Key.IMAGE) {
                // The value reaches virt-install as one argument (or not at all): the dry run still works.
                assertThat(build.exitCode()).as(build.stdout() + build.stderr()).isZero();
            }
            ExecResult register = host.run(gd.resolve("net_register.sh"));
            assertThat(register.exitCode()).as(register.stderr()).isZero();
            assertThat(marker).as("a value ran as code").doesNotExist();
        }
        return true;
    }

    /** The value as each consumer reads it back: exactly what was configured. */
    static void checkData(Key key, String value, Guest g, Path gd) throws Exception {
        if (key == Key.DESCRIPTION) {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(gd.resolve("domain.xml").toFile());
            assertThat(doc.getElementsByTagName("description").item(0).getTextContent()).isEqualTo(value);
        }
        Path ks = gd.resolve("ks.cfg");
        if (Files.exists(ks)) {
            String json = Tools.assertSucceeds("python3", root.resolve("ks_tokens.py").toString(), ks.toString())
                    .stdout();
            List<?> lines = new ObjectMapper().readValue(json, List.class);
            List<String> commands = lines.stream().map(l -> (String) ((List<?>) l).get(0)).toList();
            // Nothing became a command of its own: the commands are exactly the template's.
            assertThat(commands).containsExactly("text", "url", "lang", "keyboard", "timezone", "network",
                    "rootpw", "sshkey", "firewall", "selinux", "ignoredisk", "zerombr", "clearpart", "bootloader",
                    "autopart", "reboot");
            switch (key) {
                case TIMEZONE -> assertThat(argsOf(lines, "timezone")).startsWith(value);
                case LANG -> assertThat(argsOf(lines, "lang")).containsExactly(value);
                case KEYBOARD -> assertThat(argsOf(lines, "keyboard")).containsExactly("--vckeymap=" + value);
                case SSH_KEY -> assertThat(argsOf(lines, "sshkey")).containsExactly("--username=root", value);
                default -> {
                }
            }
        }
        Path preseed = gd.resolve("preseed.cfg");
        if (Files.exists(preseed)) {
            List<String> lines = Files.readString(preseed).lines().toList();
            if (key == Key.TIMEZONE) {
                assertThat(lines).contains("d-i time/zone string " + value);
            }
            assertThat(lines).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.startsWith("d-i ")
                    || l.startsWith("tasksel ") || l.startsWith("popularity-contest "));
        }
        Path userData = gd.resolve("cloud-init/user-data");
        if (Files.exists(userData)) {
            Map<?, ?> ud = (Map<?, ?>) GuestFilesTest.yaml(Files.readString(userData));
            switch (key) {
                case TIMEZONE -> assertThat(ud.get("timezone")).isEqualTo(value);
                case LANG -> assertThat(ud.get("locale")).isEqualTo(value);
                case SSH_KEY -> assertThat(ud.toString()).contains(value);
                default -> {
                }
            }
            GuestFilesTest.yaml(Files.readString(gd.resolve("cloud-init/network-config")));
            GuestFilesTest.yaml(Files.readString(gd.resolve("cloud-init/meta-data")));
        }
    }

    static List<String> argsOf(List<?> lines, String command) {
        for (Object l : lines) {
            List<?> tokens = (List<?>) l;
            if (tokens.get(0).equals(command)) {
                return tokens.subList(1, tokens.size()).stream().map(String.class::cast).toList();
            }
        }
        throw new AssertionError("no " + command + " line");
    }

    static String keyName(Key key) {
        return switch (key) {
            case DESCRIPTION -> "description";
            case TIMEZONE -> "timezone";
            case KEYBOARD -> "keyboard";
            case LANG -> "lang";
            case SSH_KEY -> "ssh_authorized_keys";
            case LOCATION -> "install.location";
            case EXTRA_ARGS -> "install.extra_args";
            case IMAGE -> "install.image";
            case PACKAGE -> "packages";
            case SERVICE -> "services.enabled";
        };
    }

    static Guest apply(Key key, String value, GuestScenarios.GuestBuilder b) {
        switch (key) {
            case DESCRIPTION -> b.describe(value);
            case TIMEZONE -> b.locale("en_US.UTF-8", "us", value);
            case KEYBOARD -> b.locale("en_US.UTF-8", value, "UTC");
            case LANG -> b.locale(value, "us", "UTC");
            case SSH_KEY -> b.sshKeys(value);
            case LOCATION -> {
                if (b.install.location().isPresent()) {
                    b.location(value);
                }
            }
            case EXTRA_ARGS -> b.extraArgs(value);
            case IMAGE -> {
                if (b.install.image().isPresent()) {
                    b.install(b.install.method(), null, value);
                }
            }
            case PACKAGE -> b.packages(value);
            case SERVICE -> b.services(List.of(value), List.of());
        }
        return b.build();
    }

    static {
        // Fail loudly rather than silently when python3 is missing: the kickstart check needs it.
        try {
            new Executor().runChecked(Command.of("python3", "--version"));
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("python3 is needed by this test", e));
        }
    }
}
