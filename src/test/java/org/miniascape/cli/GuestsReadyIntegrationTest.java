package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.libvirt.DhcpLease;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.testing.DebianImage;
import org.miniascape.testing.LibvirtSandbox;

/**
 * Real guests, end to end: two Debian 12 guests, one installed by cloud-init, one an import of the same image
 * with {@code install.seed} (the image the suite builds itself, booted by direct
 * kernel boot under TCG) on a NAT and an isolated network of a sandboxed libvirtd. {@code miniascape up}, run
 * inside the sandbox's namespace as on the libvirt host, alone takes them to ready: their NoCloud seeds made and
 * uploaded, the guests started, their reserved leases held and their SSH ports answering. Then, from that
 * namespace: each lease is its reservation, ssh with the site's key runs {@code hostname}, each guest resolves
 * the other's name; a second {@code up} has nothing to do and restarts no qemu; {@code down} leaves nothing.
 */
@Tag("integration")
class GuestsReadyIntegrationTest {
    @RegisterExtension
    static final LibvirtSandbox LIBVIRT = new LibvirtSandbox();

    static final String WEB_NAT = "52:54:00:cc:00:11";
    static final String WEB_ISO = "52:54:00:cc:01:11";
    static final String DB_NAT = "52:54:00:cc:00:12";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** miniascape ARGS -C site --connect sandbox, as its own process in the sandbox's namespace. */
    Run cli(Path site, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("-C", site.toString(), "--connect", LIBVIRT.uri()));
        ExecResult r = LIBVIRT.miniascape(Duration.ofMinutes(25), argv);
        return new Run(r.exitCode(), r.stdout(), r.stderr());
    }

    String site(DebianImage.Image image, String publicKey) {
        String guest = """
                  - name: %s
                    memory: 512
                    virt_type: qemu
                    os_variant: debian12
                    console: {serial: true}
                    boot: {kernel: "%s", initrd: "%s", cmdline: "%s"}
                    disks: [{pool: ready-pool, size: 3}]
                    install: {method: %s, image: "%s"}
                    ssh_authorized_keys: ["%s"]
                """;
        String web = String.format(guest, "web-1", image.kernel(), image.initrd(), DebianImage.Image.CMDLINE,
                "cloud-init", image.disk(), publicKey)
                + "    interfaces:\n"
                + "      - {network: ready-nat, mac: \"" + WEB_NAT + "\", ip: 198.51.100.11}\n"
                + "      - {network: ready-iso, mac: \"" + WEB_ISO + "\", ip: 203.0.113.11}\n";
        // An imported image that runs cloud-init, given the same seed.
        String db = String.format(guest, "db-1", image.kernel(), image.initrd(), DebianImage.Image.CMDLINE,
                "import, seed: true", image.disk(), publicKey)
                + "    interfaces:\n"
                + "      - {network: ready-nat, mac: \"" + DB_NAT + "\", ip: 198.51.100.12}\n";
        return """
                site: readytest
                domain: ready.test
                storage_pools:
                  - {name: ready-pool, type: dir, path: "%s"}
                networks:
                  - name: ready-nat
                    mode: nat
                    bridge: ready-nat0
                    cidr: 198.51.100.0/24
                    dhcp: {start: 198.51.100.200, end: 198.51.100.250}
                  - name: ready-iso
                    mode: isolated
                    bridge: ready-iso0
                    cidr: 203.0.113.0/24
                    dhcp: {start: 203.0.113.200, end: 203.0.113.250}
                guests:
                """.formatted(dir.resolve("pool")) + web + db;
    }

    ExecResult ssh(Path key, String ip, String command) {
        return LIBVIRT.inNamespace("ssh", "-i", key.toString(), "-o", "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "ConnectTimeout=20", "root@" + ip,
                command);
    }

    @Test
    void upAloneTakesACloudInitAndAnImportedGuestToReadyAndASecondUpChangesNothing() throws Exception {
        DebianImage.Image image = DebianImage.get();
        Path key = dir.resolve("id_ed25519");
        new Executor().runChecked(Command.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ready@test",
                "-f", key.toString()));
        Path site = dir.resolve("site.yml");
        Files.writeString(site, site(image, Files.readString(dir.resolve("id_ed25519.pub")).strip()));

        Run up = cli(site, "up", "--timeout", "20m");
        assertThat(up.exit()).as(up.out() + up.err()).isZero();
        assertThat(up.out()).contains(
                "+ volume ready-pool/web-1-seed.iso: create (NoCloud seed of web-1)",
                "+ volume ready-pool/db-1-seed.iso: create (NoCloud seed of db-1)",
                "+ ready web-1: wait (for lease 198.51.100.11 on ready-nat, lease 203.0.113.11 on ready-iso, ssh on"
                        + " 198.51.100.11:22)",
                "+ ready db-1: wait (for lease 198.51.100.12 on ready-nat, ssh on 198.51.100.12:22)",
                "; 2 guests to wait for",
                "ready web-1: ready in ", "ready db-1: ready in ", "; 2 guests ready");
        assertThat(up.err()).contains("guest web-1: lease 198.51.100.11 on ready-nat after ",
                "guest web-1: ready in ", "guest db-1: ready in ");
        try {
            try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
                assertThat(hv.leases("ready-nat")).extracting(DhcpLease::mac, DhcpLease::ip)
                        .contains(org.assertj.core.groups.Tuple.tuple(WEB_NAT, "198.51.100.11"),
                                org.assertj.core.groups.Tuple.tuple(DB_NAT, "198.51.100.12"));
                assertThat(hv.leases("ready-iso")).extracting(DhcpLease::mac, DhcpLease::ip)
                        .contains(org.assertj.core.groups.Tuple.tuple(WEB_ISO, "203.0.113.11"));
            }
            assertThat(ssh(key, "198.51.100.11", "hostname").stdout().strip()).isEqualTo("web-1");
            assertThat(ssh(key, "203.0.113.11", "hostname").stdout().strip()).isEqualTo("web-1");
            assertThat(ssh(key, "198.51.100.12", "hostname").stdout().strip()).isEqualTo("db-1");
            assertThat(ssh(key, "198.51.100.11", "getent hosts db-1.ready.test").stdout())
                    .startsWith("198.51.100.12");
            assertThat(ssh(key, "198.51.100.12", "getent hosts web-1.ready.test").stdout())
                    .contains("198.51.100.11");

            OptionalLong web = LIBVIRT.qemuPid("web-1");
            OptionalLong db = LIBVIRT.qemuPid("db-1");
            assertThat(web).isPresent();
            Run again = cli(site, "up");
            assertThat(again.exit()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("= ready web-1: none (running, lease 198.51.100.11 on ready-nat, lease"
                    + " 203.0.113.11 on ready-iso)", "= volume ready-pool/web-1-seed.iso: none")
                    .endsWith("\nPlan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy\n");
            assertThat(LIBVIRT.qemuPid("web-1")).isEqualTo(web);
            assertThat(LIBVIRT.qemuPid("db-1")).isEqualTo(db);
        } finally {
            Run down = cli(site, "down", "--yes");
            assertThat(down.exit()).as(down.out() + down.err()).isZero();
        }
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            assertThat(hv.domains()).isEmpty();
            assertThat(hv.networks()).isEmpty();
            assertThat(hv.pools()).isEmpty();
        }
        // The image the site only read is as it was; the pool's directory holds no volume of the site.
        assertThat(image.disk()).exists();
        try (var files = Files.list(dir.resolve("pool"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).isEmpty();
        }
    }
}
