package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.ArtifactChecks;
import org.miniascape.testing.Cli;
import org.miniascape.testing.Tools;

/**
 * {@code setup_data}: each file rendered with the guest's context into {@code guests/NAME/setup/DST}, and carried
 * by the install files into {@code /root/setup/DST}: the kickstart's %post and preseed-late.sh unpack it (run here
 * for real, with the setup directory pointed at a scratch directory), cloud-init's write_files holds it. Text
 * that looks like the carriers' own syntax stays data, errors are at their FILE:LINE:COLUMN, and the same input
 * gives the same bytes.
 */
class SetupDataTest {
    @TempDir
    Path dir;
    Path templates;

    /** A file whose lines look like a here-document's end, a kickstart section, YAML and shell. */
    static final String TRICKY = "#!/bin/sh\n%end\nMINIASCAPE_SETUP_DATA\nEOF\n'\"$(touch MARKER)`touch MARKER`\n"
            + "key: value\n- item\n\u65e5\u672c\u8a9e \u00e9 \ud83d\ude00\n  %post\nno newline at the end";

    @BeforeEach
    void writeTemplates() throws IOException {
        templates = Files.createDirectories(dir.resolve("templates/mine"));
        Files.writeString(templates.resolve("motd.j2"), "{{ vars.greeting }} from {{ guest.fqdn }} ({{ vars.role }},"
                + " {{ settings.os_variant }})\n");
        Files.writeString(templates.resolve("run.sh.j2"), "#!/bin/sh\necho 'set up {{ guest.name }}'\n");
        Files.writeString(templates.resolve("tricky.j2"), "{% raw %}" + TRICKY + "{% endraw %}");
        Files.writeString(templates.resolve("empty.j2"), "");
    }

    static final String SITE = String.join("\n",
            "site: lab",
            "domain: lab.example",
            "storage_pools: [{name: default, path: /var/lib/libvirt/images}]",
            "networks:",
            "  - {name: net-1, mode: nat, bridge: virbr151, cidr: 198.51.100.0/24, domain: net-1.lab.example,"
                    + " dhcp: {start: 198.51.100.200, end: 198.51.100.250,"
                    + " static: {start: 198.51.100.10, end: 198.51.100.199}}}",
            "vars: {greeting: hello}",
            "common:",
            "  root_password: secret",
            "  disks: [{pool: default, size: 10}]",
            "  setup_data:",
            "    - {src: mine/motd.j2, dst: motd}",
            "    - {src: mine/run.sh.j2, dst: bin/run.sh, mode: 755}",
            "    - {src: mine/tricky.j2, dst: \"odd dir/it's $(touch MARKER).txt\", mode: \"0600\"}",
            "    - {src: mine/empty.j2, dst: empty}",
            "guests:",
            "  - name: lab",
            "    vars: {role: web}",
            "    guests:",
            "      - {name: ks-1, os_variant: rhel9.0, interfaces: [{network: net-1, ip: 198.51.100.71}],"
                    + " install: {method: kickstart, location: \"http://198.51.100.1/tree/\"}}",
            "      - {name: deb-1, os_variant: debian12, interfaces: [{network: net-1, ip: 198.51.100.72}],"
                    + " install: {method: preseed,"
                    + " location: \"http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/\"}}",
            "      - {name: cloud-1, os_variant: ubuntu22.04, interfaces: [{network: net-1, ip: 198.51.100.73}],"
                    + " install: {method: cloud-init, image: base.qcow2}}",
            "      - name: own-1",
            "        os_variant: rhel7.9",
            "        interfaces: [{network: net-1, ip: 198.51.100.74}]",
            "        install: {method: kickstart, location: \"http://198.51.100.1/tree7/\"}",
            "        setup_data: [{src: mine/motd.j2, dst: etc/own-motd, mode: \"0640\"}]",
            "      - {name: img-1, os_variant: rhel8.6, interfaces: [{network: net-1, ip: 198.51.100.75}],"
                    + " install: {method: import}}",
            "");

    static final String ODD = "odd dir/it's $(touch MARKER).txt";

    Cli.Run build(String site, Path work) throws IOException {
        Path config = dir.resolve("site.yml");
        Files.writeString(config, site);
        return Cli.run("build", "-C", config.toString(), "-t", dir.resolve("templates").toString(), "-w",
                work.toString());
    }

    /** What each guest of SITE (but own-1, which has its own list) gets: dst → content. */
    static Map<String, String> expected(String guest, String fqdn, String os) {
        Map<String, String> m = new TreeMap<>();
        m.put("motd", "hello from " + fqdn + " (web, " + os + ")\n");
        m.put("bin/run.sh", "#!/bin/sh\necho 'set up " + guest + "'\n");
        m.put(ODD, TRICKY);
        m.put("empty", "");
        return m;
    }

    static final Map<String, String> MODES = Map.of("motd", "rw-r--r--", "bin/run.sh", "rwxr-xr-x", ODD, "rw-------",
            "empty", "rw-r--r--", "etc/own-motd", "rw-r-----");

    @Test
    void eachFileIsRenderedIntoTheOutputAndUnpackedByEveryInstallMethod() throws Exception {
        Path work = dir.resolve("work");
        Cli.Run run = build(SITE, work);
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> ks = expected("ks-1", "ks-1.net-1.lab.example", "rhel9.0");

        // the build output: guests/NAME/setup/DST, executable where the mode says so
        assertThat(tree(work.resolve("guests/ks-1/setup"))).isEqualTo(ks);
        assertThat(Files.isExecutable(work.resolve("guests/ks-1/setup/bin/run.sh"))).isTrue();
        assertThat(Files.isExecutable(work.resolve("guests/ks-1/setup/motd"))).isFalse();
        assertThat(tree(work.resolve("guests/deb-1/setup"))).isEqualTo(expected("deb-1", "deb-1.net-1.lab.example",
                "debian12"));
        // a guest's own list replaces the inherited one; an import guest without a seed gets the files only here
        assertThat(tree(work.resolve("guests/own-1/setup")))
                .isEqualTo(Map.of("etc/own-motd", "hello from own-1.net-1.lab.example (web, rhel7.9)\n"));
        assertThat(tree(work.resolve("guests/img-1/setup"))).containsOnlyKeys(ks.keySet());

        // kickstart: valid for its release; the %post, run with bash, writes exactly the files with their modes
        assertThat(ArtifactChecks.checkKickstarts(work)).containsEntry("ks-1", "RHEL9").containsEntry("own-1", "RHEL7");
        String post = setupPost(Files.readString(work.resolve("guests/ks-1/ks.cfg")));
        // the text is there only as base64: no line of it can end the section or the here-document
        assertThat(post).doesNotContain("hello from").doesNotContain("key: value");
        assertThat(post.lines()).noneMatch(l -> l.startsWith("%")).filteredOn("MINIASCAPE_SETUP_DATA"::equals)
                .hasSize(4);
        assertUnpacks("bash", post, ks);
        assertUnpacks("bash", setupPost(Files.readString(work.resolve("guests/own-1/ks.cfg"))),
                Map.of("etc/own-motd", "hello from own-1.net-1.lab.example (web, rhel7.9)\n"));

        // preseed: preseed-late.sh parses and passes shellcheck; its setup part, run with sh as d-i runs it
        Path late = work.resolve("guests/deb-1/preseed-late.sh");
        Tools.assertSucceeds("bash", "-n", late.toString());
        Tools.assertSucceeds("shellcheck", "-s", "sh", late.toString());
        assertUnpacks("sh", setupBlock(Files.readString(late)), expected("deb-1", "deb-1.net-1.lab.example",
                "debian12"));

        // cloud-init: a valid cloud-config whose write_files hold each file under /root/setup, base64, with its mode
        Path userData = work.resolve("guests/cloud-1/cloud-init/user-data");
        ArtifactChecks.checkCloudConfig(userData);
        Map<?, ?> ud = (Map<?, ?>) GuestFilesTest.yaml(Files.readString(userData));
        Map<String, String> written = cloudInitFiles(ud);
        Map<String, String> modes = new TreeMap<>();
        for (Object o : (List<?>) ud.get("write_files")) {
            Map<?, ?> f = (Map<?, ?>) o;
            if (((String) f.get("path")).startsWith("/root/setup/")) {
                modes.put(((String) f.get("path")).substring("/root/setup/".length()), (String) f.get("permissions"));
            }
        }
        assertThat(written).isEqualTo(expected("cloud-1", "cloud-1.net-1.lab.example", "ubuntu22.04"));
        assertThat(modes).containsExactlyInAnyOrderEntriesOf(Map.of("motd", "0644", "bin/run.sh", "0755", ODD, "0600",
                "empty", "0644"));
    }

    @Test
    void theSameInputGivesTheSameBytes() throws Exception {
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        assertThat(build(SITE, first).exitCode()).isZero();
        assertThat(build(SITE, second).exitCode()).isZero();
        Map<String, String> a = tree(first.resolve("guests"));
        assertThat(a).containsKeys("ks-1/ks.cfg", "deb-1/preseed-late.sh", "cloud-1/cloud-init/user-data",
                "ks-1/setup/motd");
        assertThat(tree(second.resolve("guests"))).isEqualTo(a);
        // a change of one file's text changes only that guest's carriers, not the others'
        Files.writeString(templates.resolve("run.sh.j2"), "#!/bin/sh\necho changed\n");
        Path third = dir.resolve("third");
        assertThat(build(SITE, third).exitCode()).isZero();
        Map<String, String> c = tree(third.resolve("guests"));
        assertThat(c.get("ks-1/ks.cfg")).isNotEqualTo(a.get("ks-1/ks.cfg"));
        assertThat(c.get("own-1/ks.cfg")).isEqualTo(a.get("own-1/ks.cfg"));
    }

    @Test
    void aTemplateThatIsNotFoundIsRefusedAtItsSrcAndNothingIsWritten() throws Exception {
        String site = SITE.replace("{src: mine/motd.j2, dst: etc/own-motd", "{src: mine/missing.j2, dst: etc/own-motd");
        Path work = dir.resolve("work");
        Cli.Run run = build(site, work);
        assertThat(run.exitCode()).isEqualTo(2);
        int line = lineOf(site, "mine/missing.j2");
        int column = site.lines().toList().get(line - 1).indexOf("mine/missing.j2") + 1;
        assertThat(run.err()).contains(dir.resolve("site.yml") + ":" + line + ":" + column + ": guest own-1:"
                + " setup_data: template 'mine/missing.j2' not found (give its directory with -t DIR)");
        assertThat(work).doesNotExist();
    }

    @Test
    void badEntriesAreRefusedAtTheirLineByValidate() throws Exception {
        String site = SITE.replace("      - {name: img-1,", String.join("\n",
                "      - name: bad-1",
                "        interfaces: [{network: net-1, ip: 198.51.100.76}]",
                "        setup_data:",
                "          - {src: mine/motd.j2, dst: /etc/motd}",
                "          - {src: mine/motd.j2, dst: x, mode: 0o644}",
                "          - {src: mine/motd.j2, dst: x}",
                "          - {src: mine/motd.j2, dst: x/y}",
                "          - {dst: z}",
                "        templates: {t: {src: mine/motd.j2, dst: setup/motd}}",
                "      - {name: img-1,"));
        Path config = dir.resolve("site.yml");
        Files.writeString(config, site);
        Cli.Run run = Cli.run("validate", "-C", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        String f = config.toString();
        String clash = " (each file of setup_data needs a path of its own, not a directory of another's)";
        assertThat(run.err().lines().filter(l -> l.contains(": error: ")).toList()).containsExactly(
                at(site, "dst: /etc/motd", "/etc/motd") + ": error: 'dst' must be a relative path inside /root/setup"
                        + " (the guest's setup directory) (names separated by '/', none empty, '.' or '..', on one"
                        + " line), not '/etc/motd'",
                at(site, "0o644", "0o644") + ": error: 'mode' of setup_data[1] of guest must be three or four octal"
                        + " digits such as 0755 or 644, not '0o644'",
                at(site, "dst: x}", "x}") + ": error: 'dst' x of setup_data[2] of guest clashes with 'dst' x at "
                        + at(site, "0o644", "x,") + clash,
                at(site, "dst: x/y", "x/y") + ": error: 'dst' x/y of setup_data[3] of guest clashes with 'dst' x at "
                        + at(site, "0o644", "x,") + clash,
                at(site, "{dst: z}", "{dst: z}") + ": error: missing required key 'src' in setup_data[4] of guest",
                at(site, "dst: setup/motd", "setup/motd") + ": error: 'dst' setup/motd is where the build writes a"
                        + " file of its own; a template cannot replace it (0.3's templates.autoinst did): give your"
                        + " file another dst");
        assertThat(Cli.run("build", "-C", f, "-t", dir.resolve("templates").toString(), "-w",
                dir.resolve("work").toString()).exitCode()).isEqualTo(2);
        assertThat(dir.resolve("work")).doesNotExist();
    }

    /** FILE:LINE:COLUMN of {@code token} on the first line of the site that holds {@code needle}. */
    String at(String site, String needle, String token) {
        int line = lineOf(site, needle);
        return dir.resolve("site.yml") + ":" + line + ":" + (site.lines().toList().get(line - 1).indexOf(token) + 1);
    }

    static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + needle);
    }

    /** The kickstart's %post that unpacks the setup data: its body. */
    static String setupPost(String ks) {
        int start = ks.indexOf("%post\n# setup_data:");
        assertThat(start).as("a %post of setup_data").isNotNegative();
        int body = ks.indexOf('\n', start) + 1;
        return ks.substring(body, ks.indexOf("\n%end\n", body) + 1);
    }

    /** The setup part of preseed-late.sh: from its comment to the next blank line. */
    static String setupBlock(String script) {
        int start = script.indexOf("# setup_data:");
        assertThat(start).as("the setup_data part").isNotNegative();
        int end = script.indexOf("\n\n", start);
        return script.substring(start, end < 0 ? script.length() : end + 1);
    }

    /** Runs the unpack script with the setup directory in scratch space: exactly the files, contents and modes. */
    void assertUnpacks(String shell, String script, Map<String, String> files) throws IOException {
        Path target = unpack(shell, script, dir);
        assertThat(tree(target)).isEqualTo(files);
        for (String dst : files.keySet()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve(dst))))
                    .as(dst).isEqualTo(MODES.get(dst));
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().equals("MARKER"))).as("text ran as code").isEmpty();
        }
        assertThat(Path.of("MARKER")).as("text ran as code, in the working directory").doesNotExist();
    }

    /**
     * Runs an unpack script (the body of setup_data's %post, or preseed-late.sh's part) with {@code shell}, its
     * {@code setup_dir} pointed at a new directory under {@code scratch}, after bash -n and shellcheck: where it
     * unpacked.
     */
    static Path unpack(String shell, String script, Path scratch) throws IOException {
        Path target = Files.createTempDirectory(scratch, "guest-root-").resolve("root/setup");
        String line = "setup_dir=/root/setup\n";
        assertThat(script).contains(line);
        Path file = Files.createTempFile(scratch, "unpack-", ".sh");
        // Under preseed-late.sh's own header: single-quoted '$' is data on purpose (SC2016), '\'' quoting (SC1003).
        Files.writeString(file, "# shellcheck disable=SC2016,SC1003\nset -eu\n"
                + script.replace(line, "setup_dir='" + target + "'\n"));
        Tools.assertSucceeds("bash", "-n", file.toString());
        Tools.assertSucceeds("shellcheck", "-s", shell.equals("sh") ? "sh" : "bash", file.toString());
        Tools.assertSucceeds(shell, file.toString());
        return target;
    }

    /** The files cloud-init's write_files puts under /root/setup, decoded: dst → content. */
    static Map<String, String> cloudInitFiles(Map<?, ?> userData) {
        Map<String, String> written = new TreeMap<>();
        for (Object o : (List<?>) userData.get("write_files")) {
            Map<?, ?> f = (Map<?, ?>) o;
            String path = (String) f.get("path");
            if (path.startsWith("/root/setup/")) {
                assertThat(f.get("encoding")).isEqualTo("b64");
                written.put(path.substring("/root/setup/".length()), new String(Base64.getDecoder().decode(
                        (String) f.get("content")), StandardCharsets.UTF_8));
            }
        }
        return written;
    }

    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return all;
    }
}
