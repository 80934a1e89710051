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
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.testing.Tools;

/**
 * Hostile text in every free-text key of a guest: quotes, {@code $(...)}, backquotes, newlines, shell and
 * kickstart syntax, unicode line separators. Each value either is refused as bad input (exit 2, naming the
 * key), or every output reads it back as exactly that value — kickstart split the way pykickstart splits
 * (Python's shlex), debconf lines, YAML, XML — while the scripts pass bash -n and shellcheck and, run for real
 * ({@code vmbuild.sh --dry-run} and {@code net_register.sh} against a test-driver libvirt), never run any of
 * it: every value tries to create a marker file, which must never appear. setup_data's path and text (SETUP_DST,
 * SETUP_CONTENT) are also unpacked for real from each install file and must come out exactly.
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

    enum Key {
        DESCRIPTION, TIMEZONE, KEYBOARD, LANG, SSH_KEY, LOCATION, EXTRA_ARGS, IMAGE, PACKAGE, SERVICE, CDROM,
        POST_SCRIPT, FORWARD_DEV, POOL_PATH, TEMPLATE_SRC, TEMPLATE_DST, BOOT_KERNEL, BOOT_CMDLINE, NTP_SERVER,
        FIREWALL_SERVICE, USER_KEY, SETUP_DST, SETUP_CONTENT
    }

    /** The setup_data file every case has: its dst and text unless the case is about them. */
    static final String SETUP_DST = "conf/setup.txt";
    static final String SETUP_TEXT = "plain setup text\n";

    /** A boot.kernel value: the value made an absolute path (a relative one is refused for that alone). */
    static String kernelPath(String value) {
        return "/" + value;
    }

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

    @Property(tries = 32)
    void hostileTextIsRefusedOrStaysData(@ForAll Key key, @ForAll("hostile") String value) throws Exception {
        Statistics.label("outcome").collect(check(key, value) ? "accepted" : "refused");
    }

    /** setup_data's path and text: hostile values each time (the property above spreads its tries over all keys). */
    @Property(tries = 8)
    void hostileSetupDataIsRefusedOrStaysData(@ForAll("setupKeys") Key key, @ForAll("hostile") String value)
            throws Exception {
        Statistics.label("outcome").collect(check(key, value) ? "accepted" : "refused");
    }

    @Provide
    Arbitrary<Key> setupKeys() {
        return Arbitraries.of(Key.SETUP_DST, Key.SETUP_CONTENT);
    }

    /** Values without line breaks go through every key that is free text and come out as data. */
    @Example
    void quotesSubstitutionsAndUnicodeAreAcceptedAsData() throws Exception {
        String touch = "touch " + root.resolve("MARKER");
        String value = "a'\"$(" + touch + ")`" + touch + "`;" + touch + " {{ guest.name }} é日本😀 %end #x";
        for (Key key : List.of(Key.DESCRIPTION, Key.TIMEZONE, Key.KEYBOARD, Key.LANG, Key.SSH_KEY, Key.USER_KEY,
                Key.EXTRA_ARGS)) {
            assertThat(check(key, value)).as(key.toString()).isTrue();
        }
        assertThat(check(Key.DESCRIPTION, "line 1\n%post\n" + touch + "\n")).isTrue();
        // A backslash before a quote: correct single-quoting that shellcheck's SC1003 heuristic mistrusts.
        assertThat(check(Key.EXTRA_ARGS, "a\\'b'\\$(" + touch + ")")).isTrue();
    }

    /** The keys of network, pool and template files take what their files can hold, as data. */
    @Example
    void pathsAndInterfaceNamesAreAcceptedAsData() throws Exception {
        String touch = "touch " + root.resolve("MARKER");
        assertThat(check(Key.FORWARD_DEV, "enp1s0.10")).isTrue();
        assertThat(check(Key.POOL_PATH, "/var/lib/my images/a'b\"$(" + touch + ")")).isTrue();
        assertThat(check(Key.TEMPLATE_SRC, "mine/a'b $(" + touch + ").j2")).isTrue();
        assertThat(check(Key.TEMPLATE_DST, "files/a'b \"`" + touch + "`")).isTrue();
        assertThat(check(Key.CDROM, "/srv/iso/a'b $(" + touch + ").iso")).isTrue();
        assertThat(check(Key.POST_SCRIPT, "echo '%end'\n  # %post\nx=1 %pre\n" + touch + " #\n")).isTrue();
        // An HTML entity in the user's own shell: it parses, so it is theirs (shellcheck's SC1109 guesses otherwise).
        assertThat(check(Key.POST_SCRIPT, "echo a &amp; b\n")).isTrue();
        // bash runs "{%" as a command, shellcheck takes it for an unclosed brace group (found by CI's jqwik run).
        assertThat(check(Key.POST_SCRIPT, "a\n{% raw %}$(" + touch + ")")).isTrue();
        assertThat(check(Key.BOOT_KERNEL, "boot/a'b \"=$(" + touch + ")")).isTrue();
        assertThat(check(Key.BOOT_CMDLINE, "root=/dev/vda console=ttyS0,115200n8,hd a'b\"c\\d=$(" + touch + ") é\\"))
                .isTrue();
        assertThat(check(Key.NTP_SERVER, "ntp-1.example.org")).isTrue();
        assertThat(check(Key.FIREWALL_SERVICE, "RH-Satellite-6")).isTrue();
        assertThat(check(Key.SETUP_DST, "dir/a'b \"`" + touch + "` %end é")).isTrue();
        assertThat(check(Key.SETUP_CONTENT, "%end\nMINIASCAPE_SETUP_DATA\n'\"$(" + touch + ")\nkey: value\n- x\n%post"))
                .isTrue();
    }

    /** Names and values that cannot be written safely are refused with the key's name, before any output. */
    @Example
    void lineBreaksAndNonNamesAreRefused() throws Exception {
        assertThat(check(Key.FORWARD_DEV, "eth0\" accept; } } flush ruleset; table ip x { chain y {")).isFalse();
        assertThat(check(Key.FORWARD_DEV, "e\"x")).isFalse();
        assertThat(check(Key.TIMEZONE, "UTC\\")).isFalse();
        assertThat(check(Key.DESCRIPTION, "first\\\nd-i preseed/late_command string " + touch())).isFalse();
        assertThat(check(Key.CDROM, "/srv/a=b.iso")).isFalse();
        assertThat(check(Key.LOCATION, "http://192.0.2.1/tree?a=b")).isFalse();
        assertThat(check(Key.POOL_PATH, "/var/lib/a\nb")).isFalse();
        assertThat(check(Key.TEMPLATE_DST, "files/a\nb")).isFalse();
        assertThat(check(Key.TEMPLATE_SRC, "../../etc/passwd")).isFalse();
        assertThat(check(Key.SETUP_DST, "conf/a\n%end\n" + touch())).isFalse();
        assertThat(check(Key.SETUP_DST, "../../etc/profile.d/x.sh")).isFalse();
        assertThat(check(Key.POST_SCRIPT, "echo\n  %packages\nvim")).isFalse();
        assertThat(check(Key.POST_SCRIPT, "echo\n\u00a0%include /tmp/x")).isFalse();
        assertThat(check(Key.TIMEZONE, "UTC\n%post\ntouch " + marker)).isFalse();
        assertThat(check(Key.PACKAGE, "vim; touch " + marker)).isFalse();
        assertThat(check(Key.SERVICE, "sshd --now")).isFalse();
        assertThat(check(Key.LOCATION, "/srv/tree,kernel=x")).isFalse();
        assertThat(check(Key.SSH_KEY, "ssh-ed25519 AAAA\u2028x")).isFalse();
        assertThat(check(Key.USER_KEY, "ssh-ed25519 AAAA\nx")).isFalse();
        assertThat(check(Key.BOOT_KERNEL, "boot/a,b")).isFalse();
        assertThat(check(Key.BOOT_CMDLINE, "console=ttyS0\tquiet")).isFalse();
        assertThat(check(Key.NTP_SERVER, "ntp.example.org,192.0.2.1")).isFalse();
        assertThat(check(Key.NTP_SERVER, "ntp.example.org iburst")).isFalse();
        assertThat(check(Key.FIREWALL_SERVICE, "http,ssh")).isFalse();
        assertThat(check(Key.FIREWALL_SERVICE, "http --port=1:tcp")).isFalse();
    }

    static String touch() {
        return "touch " + root.resolve("MARKER");
    }

    /**
     * True when the value was accepted (and all checks passed), false when it was refused as bad input. The site
     * is written as YAML and goes through the command line as a user's would: {@code validate} either refuses it
     * (exit 2, at the key's line) and then so does {@code build}, or accepts it, and then {@code build} must
     * succeed and every file it writes pass its own tool (ArtifactChecks) and read the value back as data.
     */
    boolean check(Key key, String value) throws Exception {
        Path dir = Files.createTempDirectory(root, "try-");
        GuestTestHost host = new GuestTestHost(dir);
        Path templates = Files.createDirectories(dir.resolve("templates"));
        String src = key == Key.TEMPLATE_SRC ? value : "mine/motd.j2";
        try {
            Path template = templates.resolve(src).normalize();
            if (template.startsWith(templates)) {
                Files.createDirectories(template.getParent());
                Files.writeString(template, "Welcome to {{ guest.fqdn }}\n");
            }
            Files.writeString(Files.createDirectories(templates.resolve("mine")).resolve("setup.j2"),
                    "{{ vars.setup_text }}");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            // a name no file can have: validate must refuse it
        }
        Path config = dir.resolve("site.yml");
        Files.writeString(config, siteYaml(key, value, host.tree.toString(), src));
        Path work = dir.resolve("work");
        org.miniascape.testing.Cli.Run validate = org.miniascape.testing.Cli.run("validate", "-C", config.toString());
        org.miniascape.testing.Cli.Run build = org.miniascape.testing.Cli.run("build", "-C", config.toString(),
                "-t", templates.toString(), "-w", work.toString());
        if (validate.exitCode() != 0) {
            assertThat(validate.exitCode()).as(validate.err()).isEqualTo(2);
            assertThat(validate.err()).as("the refusal names the key at its line")
                    .containsPattern(java.util.regex.Pattern.quote(config.toString()) + ":\\d+:\\d+: error: .*"
                            + java.util.regex.Pattern.quote(keyName(key)));
            assertThat(build.exitCode()).as(build.err()).isEqualTo(2);
            assertThat(work).doesNotExist();
            assertThat(marker).doesNotExist();
            return false;
        }
        assertThat(build.exitCode()).as("validate accepted it, so build must not refuse it:\n" + build.err()).isZero();
        Site site = org.miniascape.config.SiteLoader.loadSources(List.of(
                new org.miniascape.config.ConfigSources.Source(config.toString(), Files.readString(config))));
        // A post_script is code by intent, embedded as it is in preseed-late.sh: it must parse, its style is the user's.
        org.miniascape.testing.ArtifactChecks.checkBuildTree(work, Files.createDirectories(dir.resolve("driver")),
                rel -> key == Key.POST_SCRIPT && rel.endsWith("/preseed-late.sh")
                        ? java.util.Optional.of(value) : java.util.Optional.empty());
        host.write(site);
        for (Guest g : site.guests()) {
            Path gd = work.resolve("guests/" + g.name());
            checkData(key, value, g, gd);
            checkSetup(key, value, g, gd, dir);
            ExecResult vmbuild = host.run(gd.resolve("vmbuild.sh"), "--dry-run");
            if (key != Key.LOCATION && key != Key.IMAGE && key != Key.CDROM && key != Key.POOL_PATH) {
                // The value reaches virt-install as one argument (or not at all): the dry run still works.
                assertThat(vmbuild.exitCode()).as(vmbuild.stdout() + vmbuild.stderr()).isZero();
            }
            ExecResult register = host.run(gd.resolve("net_register.sh"));
            assertThat(register.exitCode()).as(register.stderr()).isZero();
            assertThat(marker).as("a value ran as code").doesNotExist();
        }
        if (key == Key.FORWARD_DEV) {
            assertThat(Files.readString(work.resolve("host/nftables.conf"))).contains("oifname \"" + value + "\"");
        }
        if (key == Key.TEMPLATE_DST || key == Key.TEMPLATE_SRC) {
            String dst = key == Key.TEMPLATE_DST ? value : "files/motd";
            assertThat(work.resolve("guests/ks-1").resolve(dst)).hasContent("Welcome to ks-1.net-1.lab.example");
        }
        return true;
    }

    /** The test site as YAML: net-1 (nat) and net-2 (isolated), one pool, a kickstart, a preseed, a cloud-init guest. */
    static String siteYaml(Key key, String value, String tree, String templateSrc) {
        String q = Yaml.quote(value);
        StringBuilder y = new StringBuilder("site: lab\ndomain: lab.example\n");
        y.append("storage_pools:\n  - {name: default, path: ")
                .append(key == Key.POOL_PATH ? q : Yaml.quote(GuestScenarios.POOL_DIR)).append("}\n");
        y.append("networks:\n");
        y.append("  - {name: net-1, mode: nat, bridge: virbr151, cidr: 198.51.100.0/24, domain: net-1.lab.example")
                .append(key == Key.FORWARD_DEV ? ", forward_dev: " + q : "")
                .append(", dhcp: {start: 198.51.100.200, end: 198.51.100.250,")
                .append(" static: {start: 198.51.100.10, end: 198.51.100.199}}}\n");
        y.append("  - {name: net-2, mode: isolated, bridge: virbr152, cidr: 203.0.113.0/24, domain: net-2.lab.example")
                .append(", dhcp: {start: 203.0.113.200, end: 203.0.113.250,")
                .append(" static: {start: 203.0.113.10, end: 203.0.113.199}}}\n");
        y.append("common:\n");
        y.append("  root_password: ").append(Yaml.quote(GuestScenarios.ROOT_HASH)).append('\n');
        y.append("  timezone: ").append(key == Key.TIMEZONE ? q : "Asia/Tokyo").append('\n');
        y.append("  keyboard: ").append(key == Key.KEYBOARD ? q : "jp106").append('\n');
        y.append("  lang: ").append(key == Key.LANG ? q : "ja_JP.UTF-8").append('\n');
        y.append("  ssh_authorized_keys: [").append(Yaml.quote(key == Key.SSH_KEY ? value : GuestScenarios.SSH_KEY))
                .append("]\n");
        y.append("  disks: [{pool: default, size: 10}]\n");
        if (key == Key.USER_KEY) {
            y.append("  users: [{name: alice, ssh_authorized_keys: [").append(q).append("]}]\n");
        }
        if (key == Key.DESCRIPTION) {
            y.append("  description: ").append(q).append('\n');
        }
        if (key == Key.PACKAGE) {
            y.append("  packages: [").append(q).append("]\n");
        }
        if (key == Key.SERVICE) {
            y.append("  services: {enabled: [").append(q).append("]}\n");
        }
        if (key == Key.POST_SCRIPT) {
            y.append("  post_script: ").append(q).append('\n');
        }
        if (key == Key.NTP_SERVER) {
            y.append("  ntp_servers: [").append(q).append("]\n");
        }
        if (key == Key.FIREWALL_SERVICE) {
            y.append("  firewall: {services: [").append(q).append("]}\n");
        }
        y.append("  vars: {setup_text: ").append(Yaml.quote(key == Key.SETUP_CONTENT ? value : SETUP_TEXT))
                .append("}\n");
        y.append("  setup_data: [{src: mine/setup.j2, dst: ").append(key == Key.SETUP_DST ? q : SETUP_DST)
                .append("}]\n");
        y.append("  templates: {motd: {src: ").append(Yaml.quote(templateSrc)).append(", dst: ")
                .append(key == Key.TEMPLATE_DST ? q : "files/motd").append("}}\n");
        String extra = key == Key.EXTRA_ARGS ? ", extra_args: " + q : "";
        String location = key == Key.LOCATION ? q : Yaml.quote(tree);
        String media = key == Key.CDROM ? "cdrom: " + q : "location: " + location;
        y.append("guests:\n");
        y.append("  - {name: ks-1, os_variant: rhel9.0, interfaces: [{network: net-1, mac: \"52:54:00:05:01:71\",")
                .append(" ip: 198.51.100.71}], install: {method: kickstart, ").append(media).append(extra).append("}}\n");
        y.append("  - {name: preseed-1, os_variant: debian11, interfaces: [{network: net-1, mac: \"52:54:00:05:01:72\",")
                .append(" ip: 198.51.100.72}], install: {method: preseed, location: ").append(location).append(extra)
                .append("}}\n");
        y.append("  - {name: cloud-1, os_variant: ubuntu22.04, interfaces: [{network: net-1, mac: \"52:54:00:05:01:73\",")
                .append(" ip: 198.51.100.73}], install: {method: cloud-init, image: ")
                .append(key == Key.IMAGE ? q : "base.qcow2").append(extra).append("}")
                .append(key == Key.BOOT_KERNEL || key == Key.BOOT_CMDLINE ? ", boot: {kernel: "
                        + (key == Key.BOOT_KERNEL ? Yaml.quote(kernelPath(value)) : "/var/lib/libvirt/boot/vmlinuz")
                        + ", cmdline: " + (key == Key.BOOT_CMDLINE ? q : "console=ttyS0") + "}" : "")
                .append("}\n");
        return y.toString();
    }

    /** The value as each consumer reads it back: exactly what was configured. */
    static void checkData(Key key, String value, Guest g, Path gd) throws Exception {
        if ((key == Key.BOOT_KERNEL || key == Key.BOOT_CMDLINE) && g.name().equals("cloud-1")) {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(gd.resolve("domain.xml").toFile());
            String element = key == Key.BOOT_KERNEL ? "kernel" : "cmdline";
            assertThat(doc.getElementsByTagName(element).item(0).getTextContent())
                    .isEqualTo(key == Key.BOOT_KERNEL ? kernelPath(value) : value);
        }
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
            List<String> expected = new java.util.ArrayList<>(List.of("text", key == Key.CDROM ? "cdrom" : "url", "lang",
                    "keyboard", "timezone", "network", "rootpw", "sshkey", "firewall", "selinux", "ignoredisk", "zerombr",
                    "clearpart", "bootloader", "autopart", "reboot"));
            if (key == Key.NTP_SERVER) {
                expected.add(expected.indexOf("timezone") + 1, "timesource");
            }
            if (key == Key.USER_KEY) {
                expected.addAll(expected.indexOf("firewall"), List.of("user", "sshkey"));
            }
            assertThat(commands).containsExactlyElementsOf(expected);
            switch (key) {
                case TIMEZONE -> assertThat(argsOf(lines, "timezone")).startsWith(value);
                case LANG -> assertThat(argsOf(lines, "lang")).containsExactly(value);
                case KEYBOARD -> assertThat(argsOf(lines, "keyboard")).containsExactly("--vckeymap=" + value);
                case SSH_KEY -> assertThat(argsOf(lines, "sshkey")).containsExactly("--username=root", value);
                case NTP_SERVER -> assertThat(argsOf(lines, "timesource")).containsExactly("--ntp-server=" + value);
                case FIREWALL_SERVICE -> assertThat(argsOf(lines, "firewall")).containsExactly("--enabled",
                        "--service=ssh," + value);
                case USER_KEY -> assertThat(lines.stream().map(l -> (List<?>) l).filter(l -> l.get(0).equals("sshkey")
                        && l.get(1).equals("--username=alice")).map(l -> (Object) List.copyOf(l.subList(2, l.size()))).toList())
                        .containsExactly(List.of(value));
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
            if (key == Key.NTP_SERVER) {
                assertThat(lines).contains("d-i clock-setup/ntp-server string " + value);
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
                case SSH_KEY, USER_KEY -> assertThat(ud.toString()).contains(value);
                case NTP_SERVER -> assertThat(((Map<?, ?>) ud.get("ntp")).get("servers")).isEqualTo(List.of(value));
                default -> {
                }
            }
            GuestFilesTest.yaml(Files.readString(gd.resolve("cloud-init/network-config")));
            GuestFilesTest.yaml(Files.readString(gd.resolve("cloud-init/meta-data")));
        }
    }

    /**
     * The setup_data file: in the build output, and where each install method puts it — the kickstart's %post
     * (run with bash) and preseed-late.sh's part (run with sh) unpack exactly it, cloud-init's write_files holds
     * it — with the value as its path or its text.
     */
    static void checkSetup(Key key, String value, Guest g, Path gd, Path scratch) throws Exception {
        String dst = key == Key.SETUP_DST ? value : SETUP_DST;
        String text = key == Key.SETUP_CONTENT ? value : SETUP_TEXT;
        Map<String, String> want = Map.of(dst, text);
        assertThat(SetupDataTest.tree(gd.resolve("setup"))).isEqualTo(want);
        if (Files.exists(gd.resolve("ks.cfg"))) {
            String post = SetupDataTest.setupPost(Files.readString(gd.resolve("ks.cfg")));
            assertThat(SetupDataTest.tree(SetupDataTest.unpack("bash", post, scratch))).isEqualTo(want);
        }
        if (Files.exists(gd.resolve("preseed-late.sh"))) {
            String part = SetupDataTest.setupBlock(Files.readString(gd.resolve("preseed-late.sh")));
            assertThat(SetupDataTest.tree(SetupDataTest.unpack("sh", part, scratch))).isEqualTo(want);
        }
        if (Files.exists(gd.resolve("cloud-init/user-data"))) {
            Map<?, ?> ud = (Map<?, ?>) GuestFilesTest.yaml(Files.readString(gd.resolve("cloud-init/user-data")));
            assertThat(SetupDataTest.cloudInitFiles(ud)).isEqualTo(want);
        }
        assertThat(marker).as("a value ran as code").doesNotExist();
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
            case CDROM -> "install.cdrom";
            case POST_SCRIPT -> "post_script";
            case FORWARD_DEV -> "forward_dev";
            case POOL_PATH -> "pool path";
            case TEMPLATE_SRC -> "'src'";
            case TEMPLATE_DST -> "'dst'";
            case BOOT_KERNEL -> "boot.kernel";
            case BOOT_CMDLINE -> "boot.cmdline";
            case NTP_SERVER -> "ntp_servers";
            case FIREWALL_SERVICE -> "firewall";
            case USER_KEY -> "ssh_authorized_keys";
            case SETUP_DST -> "'dst'";
            case SETUP_CONTENT -> "setup_text";
        };
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
