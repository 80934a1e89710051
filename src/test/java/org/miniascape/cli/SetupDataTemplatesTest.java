package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.render.guest.GuestFilesGenerator;
import picocli.CommandLine;

/**
 * {@code up} and {@code guest define} render a guest's install files themselves (a cloud-init guest's NoCloud seed,
 * a kickstart or preseed guest's installer): with {@code -t DIR}, as {@code build -t} does, so a guest's
 * setup_data templates are found there too.
 */
class SetupDataTemplatesTest {
    static final String SITE = String.join("\n",
            "site: lab",
            "storage_pools: [{name: default, path: /var/lib/libvirt/images}]",
            "networks:",
            "  - {name: net-1, mode: nat, bridge: virbr151, cidr: 198.51.100.0/24,"
                    + " dhcp: {start: 198.51.100.200, end: 198.51.100.250,"
                    + " static: {start: 198.51.100.10, end: 198.51.100.199}}}",
            "guests:",
            "  - name: cloud-1",
            "    root_password: secret",
            "    disks: [{pool: default, size: 10}]",
            "    interfaces: [{network: net-1, ip: 198.51.100.71}]",
            "    install: {method: cloud-init, image: base.qcow2}",
            "    setup_data: [{src: mine/motd.j2, dst: motd}]",
            "");

    @Test
    void theSeedOfUpIsRenderedWithTheTemplateDirectoriesOfMinusT(@TempDir Path dir) throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates/mine"));
        Files.writeString(templates.resolve("motd.j2"), "hello {{ guest.name }}\n");
        Site site = org.miniascape.config.SiteLoader.loadSources(List.of(
                new org.miniascape.config.ConfigSources.Source("site.yml", SITE)));
        Guest guest = site.guests().get(0);

        LibvirtOptions.Seeds seeds = new LibvirtOptions.Seeds(site, List.of(dir.resolve("templates")));
        String userData = GuestFilesGenerator.installFiles(guest, site, seeds.templates()).get("cloud-init/user-data");
        assertThat(userData).contains("  - path: \"/root/setup/motd\"\n    permissions: \"0644\"\n"
                + "    encoding: \"b64\"\n    content: \"aGVsbG8gY2xvdWQtMQo=\"\n");

        // without them the template is not found: exit 2, at the src's line
        LibvirtOptions.Seeds embedded = new LibvirtOptions.Seeds(site, List.of());
        assertThatThrownBy(() -> GuestFilesGenerator.installFiles(guest, site, embedded.templates()))
                .isInstanceOf(MiniascapeException.class).hasMessageStartingWith("site.yml:11:24: guest cloud-1: ")
                .hasMessageContaining("setup_data: template 'mine/motd.j2' not found (give its directory with -t DIR)")
                .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void upAndGuestDefineTakeMinusT() {
        UpCommand up = (UpCommand) parsed("up", "-t", "a", "--templates", "b");
        assertThat(up.apply.templateDirs).containsExactly(Path.of("a"), Path.of("b"));
        GuestCommand.Define define = (GuestCommand.Define) parsed("guest", "define", "-t", "c", "web-1");
        assertThat(define.apply.templateDirs).containsExactly(Path.of("c"));
    }

    /** The command object of the innermost subcommand the arguments name, as Main parses them. */
    static Object parsed(String... args) {
        java.io.PrintWriter none = new java.io.PrintWriter(java.io.Writer.nullWriter());
        CommandLine.ParseResult r = Main.commandLine(none, none, args).parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec().userObject();
    }
}
