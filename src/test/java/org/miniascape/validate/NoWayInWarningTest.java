package org.miniascape.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.Cli;

/**
 * A guest whose install miniascape writes, with neither a root password nor an SSH key, cannot be logged into:
 * a warning at the guest, {@code FILE:LINE:COLUMN: warning: MESSAGE}, that changes no exit code and stops nothing.
 */
class NoWayInWarningTest {
    static final String SITE = """
            site: lab
            storage_pools: [{name: default, path: /var/lib/libvirt/images}]
            networks:
              - {name: nat, cidr: 198.51.100.0/24, dhcp: {static: {start: 198.51.100.10, end: 198.51.100.99}}}
            common:
              disks: [{pool: default, size: 10}]
              interfaces: [{network: nat}]
            guests:
              - name: locked
                install: {method: kickstart, location: "http://example.org/rhel9/"}
              - name: cloud
                install: {method: cloud-init, image: cloud.img}
              - name: with-key
                install: {method: kickstart, location: "http://example.org/rhel9/"}
                ssh_authorized_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host"]
              - name: with-password
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
                root_password: secret
              - name: image-as-it-is
                install: {method: import, image: appliance.qcow2}
              - name: bare
                install: {method: none}
              - name: with-user-key
                install: {method: cloud-init, image: cloud.img}
                users: [{name: alice, ssh_authorized_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample alice@host"]}]
              - name: with-user-password
                install: {method: kickstart, location: "http://example.org/rhel9/"}
                users: [{name: bob, password: secret}]
              - name: user-locked
                install: {method: preseed, location: "http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/"}
                users: [{name: carol, groups: [adm]}]
            """;

    @Test
    void validateWarnsAtEachGuestNobodyCanLogIntoAndSucceeds(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("site.yml");
        Files.writeString(config, SITE);
        Cli.Run run = Cli.run("validate", "-C", config.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("site lab is valid");
        assertThat(run.err().lines()).containsExactly(
                config + ":9:5: warning: guest 'locked' has no root_password and no ssh_authorized_keys: no way in"
                        + " (its kickstart install locks root's password and authorizes no key); give one of them",
                config + ":11:5: warning: guest 'cloud' has no root_password and no ssh_authorized_keys: no way in"
                        + " (its cloud-init install locks root's password and authorizes no key); give one of them",
                // a user with a key or a password is a way in; one with neither is not
                config + ":29:5: warning: guest 'user-locked' has no root_password and no ssh_authorized_keys, and"
                        + " none of its users has a password or a key: no way in (its preseed install locks root's"
                        + " password and authorizes no key); give one of them");

        // build writes everything all the same, after the same warnings
        Cli.Run build = Cli.run("build", "-C", config.toString(), "-w", dir.resolve("out").toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.err()).contains(config + ":9:5: warning: guest 'locked'");
        assertThat(dir.resolve("out/guests/locked/ks.cfg")).exists();
    }

    @Test
    void warningsArePrintedAmongTheErrorsInFileOrderAndTheExitCodeIsTheErrors(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("site.yml");
        Files.writeString(config, SITE.replace("  - name: bare\n    install: {method: none}\n",
                "  - name: bare\n    install: {method: none}\n    packages: [\"bad name\"]\n"));
        Cli.Run run = Cli.run("validate", "-C", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith(config.toString())).map(l -> l.replaceFirst(
                ": (warning|error): .*", ": $1"))).containsExactly(config + ":9:5: warning", config + ":11:5: warning",
                config + ":23:15: error", config + ":30:5: warning");
        assertThat(run.err()).contains("miniascape: 1 error in the configuration; nothing was written");
    }
}
