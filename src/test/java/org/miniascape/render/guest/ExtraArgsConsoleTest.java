package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.ArtifactChecks;

/**
 * The installer's kernel command line (vmbuild.sh's --extra-args): the serial console's arguments are added
 * unless the user's {@code install.extra_args} name a console of their own, which are then the only ones.
 */
class ExtraArgsConsoleTest {
    static final String SITE = """
            site: lab
            storage_pools: [{name: default, path: /var/lib/libvirt/images}]
            networks:
              - {name: nat, cidr: 198.51.100.0/24, dhcp: {static: {start: 198.51.100.10, end: 198.51.100.99}}}
            common:
              root_password: secret
              disks: [{size: 10}]
              interfaces: [{network: nat}]
              install: {method: kickstart, location: "http://example.org/rhel9/"}
            guests:
              - name: ours
                install: {extra_args: "quiet"}
              - name: theirs
                install: {extra_args: "quiet console=ttyS1,9600n8"}
              - name: none
              - name: preseed-theirs
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/",
                          extra_args: "console=ttyS0,115200"}
              - name: no-serial
                console: {serial: false}
                install: {extra_args: "quiet"}
            """;

    @TempDir
    static Path dir;
    static Path guests;

    @BeforeAll
    static void build() throws IOException {
        guests = ArtifactChecks.buildChecked(dir, SITE).resolve("guests");
    }

    private static String extraArgs(String guest) throws IOException {
        return Files.readString(guests.resolve(guest + "/vmbuild.sh")).lines().map(String::strip)
                .filter(l -> l.startsWith("--extra-args ")).findFirst().orElseThrow();
    }

    @Test
    void ourSerialConsoleArgumentsComeBeforeTheUsersWhenTheyNameNone() throws IOException {
        assertThat(extraArgs("ours")).isEqualTo("--extra-args 'inst.ks=file:/ks.cfg console=tty0"
                + " console=ttyS0,115200n8 quiet'");
        assertThat(extraArgs("none")).isEqualTo("--extra-args 'inst.ks=file:/ks.cfg console=tty0"
                + " console=ttyS0,115200n8'");
    }

    @Test
    void theUsersConsoleArgumentsAreTheOnlyOnes() throws IOException {
        assertThat(extraArgs("theirs")).isEqualTo("--extra-args 'inst.ks=file:/ks.cfg quiet console=ttyS1,9600n8'");
        assertThat(extraArgs("preseed-theirs")).isEqualTo("--extra-args 'auto=true priority=critical"
                + " preseed/file=/preseed.cfg console=ttyS0,115200'");
    }

    @Test
    void aGuestWithoutASerialConsoleGetsNone() throws IOException {
        assertThat(extraArgs("no-serial")).isEqualTo("--extra-args 'inst.ks=file:/ks.cfg quiet'");
    }
}
