package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.Cli;
import org.miniascape.testing.Golden;

/**
 * Guest templates through {@code build}: a guest's {@code templates:} renders extra files from the user's
 * template directory, {@code -t DIR} overrides an embedded guest template by its relative path, and a
 * template error (an undefined variable, bad syntax) names the template file and line.
 */
class GuestTemplatesTest {
    static final Path CONFIG = Golden.RESOURCES.resolve("guests-config");

    static Path guestConfig(Path dir, String guestYaml) throws IOException {
        Path f = dir.resolve("guest.yml");
        Files.writeString(f, "guests:\n" + guestYaml);
        return f;
    }

    static Cli.Run build(Path dir, Path guestYml, Path templates) {
        return Cli.run("build", "-w", dir.resolve("out").toString(), "-C", CONFIG.resolve("site.yml").toString(),
                "-C", guestYml.toString(), "-t", templates.toString());
    }

    static final String GUEST = String.join("\n",
            "  - name: web-1",
            "    description: front web server",
            "    disks: [{pool: default, size: 10}]",
            "    interfaces: [{network: net-1, mac: \"52:54:00:05:01:91\", ip: 198.51.100.91}]",
            "    install: {method: kickstart, location: \"http://198.51.100.1/trees/rhel-9/\"}",
            "");

    @Test
    void aGuestsTemplatesRenderExtraFilesWithTheGuestAndItsSettings(@TempDir Path dir) throws IOException {
        Path t = Files.createDirectories(dir.resolve("templates/mine"));
        Files.writeString(t.resolve("motd.j2"), "Welcome to {{ guest.fqdn }}: {{ settings.description }}\n");
        Path yml = guestConfig(dir, GUEST + "    templates:\n"
                + "      motd: {src: mine/motd.j2, dst: files/motd}\n");
        Cli.Run run = build(dir, yml, dir.resolve("templates"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("out/guests/web-1/files/motd"))
                .hasContent("Welcome to web-1.net-1.lab.example: front web server\n");
    }

    @Test
    void minusTOverridesAnEmbeddedGuestTemplateByItsRelativePath(@TempDir Path dir) throws IOException {
        Path t = Files.createDirectories(dir.resolve("templates/guest"));
        Files.writeString(t.resolve("ks.cfg.j2"), "# my own kickstart for {{ guest.name }}\n"
                + "{% include \"guest/ks-body.j2\" %}");
        Files.writeString(t.resolve("ks-body.j2"), "timezone {{ ks.timezone }}\n");
        Cli.Run run = build(dir, guestConfig(dir, GUEST), dir.resolve("templates"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(dir.resolve("out/guests/web-1/ks.cfg")).hasContent("# my own kickstart for web-1\n"
                + "timezone Asia/Tokyo\n");
        // The other guest files still come from the embedded templates.
        assertThat(Files.readString(dir.resolve("out/guests/web-1/vmbuild.sh"))).startsWith("#!/bin/bash\n");
    }

    @Test
    void anUndefinedVariableIsAnErrorNamingTheTemplateAndLine(@TempDir Path dir) throws IOException {
        Path t = Files.createDirectories(dir.resolve("templates/mine"));
        Files.writeString(t.resolve("bad.j2"), "line one\nline two {{ guest.no_such_thing }}\n");
        Path yml = guestConfig(dir, GUEST + "    templates:\n      bad: {src: mine/bad.j2, dst: bad.txt}\n");
        Cli.Run run = build(dir, yml, dir.resolve("templates"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(t.resolve("bad.j2") + ":2:");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingTemplateOrADestinationOutsideTheGuestDirectoryIsRefused(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Cli.Run missing = build(dir, guestConfig(dir, GUEST + "    templates:\n"
                + "      x: {src: mine/none.j2, dst: x.txt}\n"), dir.resolve("templates"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("templates.x.src", "mine/none.j2", "not found");
        Files.createDirectories(dir.resolve("templates/mine"));
        Files.writeString(dir.resolve("templates/mine/x.j2"), "x\n");
        Cli.Run escape = build(dir, guestConfig(dir, GUEST + "    templates:\n"
                + "      x: {src: mine/x.j2, dst: ../../etc/passwd}\n"), dir.resolve("templates"));
        assertThat(escape.exitCode()).isEqualTo(2);
        assertThat(escape.err()).contains("guest.yml:8:", "relative path inside the guest's output directory");
    }
}
