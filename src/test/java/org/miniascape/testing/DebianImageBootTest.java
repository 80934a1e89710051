package org.miniascape.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/**
 * Boots the real Debian test image ({@link DebianImage}) under TCG in the libvirt sandbox: a NAT network with a
 * DHCP reservation, a dir pool holding a qcow2 overlay of the cached image, a NoCloud seed ISO, direct kernel boot.
 * The guest must take the reserved lease and answer ssh with the hostname cloud-init gave it.
 */
@Tag("integration")
class DebianImageBootTest {
    @RegisterExtension
    static final LibvirtSandbox LIBVIRT = new LibvirtSandbox();

    static final Executor EXEC = new Executor();
    static final String NET = "mia-deb";
    static final String BRIDGE = "mia-deb0";
    static final String POOL = "mia-deb-pool";
    static final String DOMAIN = "mia-debian";
    static final String HOSTNAME = "mia-debian";
    static final String MAC = "52:54:00:de:b1:20";
    static final String IP = "198.51.100.20";
    /** Booting Debian under TCG on a shared 2-core machine: generous. */
    static final Duration BOOT_LIMIT = Duration.ofMinutes(10);

    @Test
    void bootsTakesTheReservedLeaseAndAnswersSsh() throws Exception {
        DebianImage.Image image = DebianImage.get();
        Path state = LIBVIRT.stateDir();
        Path key = state.resolve("id_test");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "miniascape-test", "-f", key.toString());
        String publicKey = Files.readString(state.resolve("id_test.pub")).strip();

        virsh("net-define", write(state.resolve("net.xml"), """
                <network>
                  <name>%s</name>
                  <forward mode='nat'/>
                  <bridge name='%s'/>
                  <ip address='198.51.100.1' netmask='255.255.255.0'>
                    <dhcp>
                      <range start='198.51.100.100' end='198.51.100.199'/>
                      <host mac='%s' name='%s' ip='%s'/>
                    </dhcp>
                  </ip>
                </network>
                """.formatted(NET, BRIDGE, MAC, HOSTNAME, IP)));
        virsh("net-start", NET);

        Path poolDir = state.resolve("pool");
        virsh("pool-define", write(state.resolve("pool.xml"), """
                <pool type='dir'>
                  <name>%s</name>
                  <target><path>%s</path></target>
                </pool>
                """.formatted(POOL, poolDir)));
        virsh("pool-build", POOL);
        virsh("pool-start", POOL);
        // The overlay references the cached image by path: nothing is copied, the cache is never written.
        virsh("vol-create", POOL, write(state.resolve("vol.xml"), """
                <volume>
                  <name>%s.qcow2</name>
                  <capacity unit='G'>4</capacity>
                  <target><format type='qcow2'/><compat>1.1</compat></target>
                  <backingStore><path>%s</path><format type='qcow2'/></backingStore>
                </volume>
                """.formatted(DOMAIN, image.disk())));
        Path overlay = poolDir.resolve(DOMAIN + ".qcow2");

        Path seed = seed(state, publicKey);
        Path serial = state.resolve("serial.log");
        virsh("define", write(state.resolve("domain.xml"), domainXml(image, overlay, seed, serial)));
        long start = System.nanoTime();
        virsh("start", DOMAIN);
        try {
            Duration lease = awaitLease(start);
            System.err.printf("DebianImageBootTest: lease %s for %s %.0f s after start%n", IP, MAC, secs(lease));
            Duration ssh = awaitSsh(start, key);
            System.err.printf("DebianImageBootTest: ssh answered %.0f s after start%n", secs(ssh));
            // The seed's network-config was applied, not cloud-init's fallback (DHCP on the first NIC as enp0s2):
            // the NIC matched by MAC carries the set-name and the reserved address.
            assertThat(ssh(key, "ip", "-o", "-4", "addr", "show", "dev", "lab0").stdout())
                    .contains("inet " + IP + "/24");
            // cloud-init's last stage ran, from the seed, without errors.
            Duration done = awaitCloudInitDone(start, key);
            System.err.printf("DebianImageBootTest: cloud-init done %.0f s after start%n", secs(done));
        } catch (AssertionError | RuntimeException e) {
            System.err.println("DebianImageBootTest: the last 60 lines of the serial console (" + serial + "):");
            System.err.println(DebianImage.tail(readQuietly(serial), 60));
            throw e;
        } finally {
            keepSerialLog(serial);
        }
    }

    /** The console of the last run stays in target/ for a look after the sandbox is gone. */
    static void keepSerialLog(Path serial) {
        try {
            if (Files.exists(serial) && Files.isDirectory(Path.of("target"))) {
                Files.copy(serial, Path.of("target", "debian-image-boot-serial.log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("DebianImageBootTest: could not keep the serial log: " + e.getMessage());
        }
    }

    /**
     * Machine {@code pc} (i440fx); the seed is a cdrom on virtio-scsi because Debian's cloud kernel has no AHCI
     * driver (CONFIG_SATA_AHCI is not set): on {@code bus='sata'} the guest never sees it and cloud-init falls back
     * to DataSourceNone.
     */
    static String domainXml(DebianImage.Image image, Path overlay, Path seed, Path serial) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>1024</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>%s</cmdline>
                  </os>
                  <on_poweroff>destroy</on_poweroff>
                  <on_reboot>restart</on_reboot>
                  <on_crash>destroy</on_crash>
                  <devices>
                    <disk type='file' device='disk'>
                      <driver name='qemu' type='qcow2'/>
                      <source file='%s'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <controller type='scsi' index='0' model='virtio-scsi'/>
                    <disk type='file' device='cdrom'>
                      <driver name='qemu' type='raw'/>
                      <source file='%s'/>
                      <target dev='sda' bus='scsi'/>
                      <readonly/>
                    </disk>
                    <interface type='network'>
                      <mac address='%s'/>
                      <source network='%s'/>
                      <model type='virtio'/>
                    </interface>
                    <serial type='pty'>
                      <log file='%s' append='off'/>
                      <target port='0'/>
                    </serial>
                    <console type='pty'><target type='serial' port='0'/></console>
                  </devices>
                </domain>
                """.formatted(DOMAIN, image.kernel(), image.initrd(), DebianImage.Image.CMDLINE, overlay, seed, MAC,
                NET, serial);
    }

    /**
     * A NoCloud seed: user-data (the key for root and for Debian's default user {@code debian}, hostname),
     * meta-data (instance-id), network-config v2 matched by MAC with a set-name.
     */
    static Path seed(Path state, String publicKey) throws IOException {
        Path dir = Files.createDirectories(state.resolve("seed"));
        write(dir.resolve("user-data"), """
                #cloud-config
                hostname: %s
                disable_root: false
                ssh_authorized_keys:
                  - %s
                ssh_genkeytypes: [ed25519]
                """.formatted(HOSTNAME, publicKey));
        write(dir.resolve("meta-data"), """
                instance-id: %s-1
                local-hostname: %s
                """.formatted(DOMAIN, HOSTNAME));
        write(dir.resolve("network-config"), """
                version: 2
                ethernets:
                  lab0:
                    match:
                      macaddress: "%s"
                    set-name: lab0
                    dhcp4: true
                """.formatted(MAC));
        Path iso = state.resolve("seed.iso");
        run("xorriso", "-as", "mkisofs", "-quiet", "-o", iso.toString(), "-V", "cidata", "-J", "-R", dir.toString());
        return iso;
    }

    Duration awaitLease(long start) {
        long deadline = start + BOOT_LIMIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            ExecResult r = EXEC.run(Command.of("virsh", "-c", LIBVIRT.uri(), "net-dhcp-leases", NET, "--mac", MAC));
            last = r.stdout() + r.stderr();
            if (r.ok() && r.stdout().contains(IP + "/24")) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            assertRunning();
            sleep(2000);
        }
        throw new AssertionError("no lease " + IP + " for " + MAC + " within " + BOOT_LIMIT.toMinutes()
                + " min; net-dhcp-leases said:\n" + last);
    }

    Duration awaitSsh(long start, Path key) {
        long deadline = start + BOOT_LIMIT.toNanos();
        Optional<ExecResult> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            ExecResult r = ssh(key, "hostname");
            last = Optional.of(r);
            if (r.ok()) {
                assertThat(r.stdout().strip()).isEqualTo(HOSTNAME);
                return Duration.ofNanos(System.nanoTime() - start);
            }
            assertRunning();
            sleep(3000);
        }
        throw new AssertionError("ssh root@" + IP + " did not answer within " + BOOT_LIMIT.toMinutes() + " min"
                + last.map(r -> "; last exit " + r.exitCode() + ": " + r.stderr().strip()).orElse(""));
    }

    /** Polls {@code cloud-init status} (its --wait would outlast one ssh under a loaded TCG) until done. */
    Duration awaitCloudInitDone(long start, Path key) {
        long deadline = start + BOOT_LIMIT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            ExecResult r = ssh(key, "cloud-init", "status", "--long");
            last = r.stdout() + r.stderr();
            if (r.stdout().contains("status: done")) {
                assertThat(r.exitCode()).as(last).isZero();
                assertThat(r.stdout()).as(last).contains("DataSourceNoCloud");
                return Duration.ofNanos(System.nanoTime() - start);
            }
            assertThat(r.stdout()).as(last).doesNotContain("status: error");
            assertRunning();
            sleep(5000);
        }
        throw new AssertionError("cloud-init did not finish within " + BOOT_LIMIT.toMinutes() + " min:\n" + last);
    }

    /** ssh as root to the guest, from inside the sandbox's namespace (where the network's bridge is). */
    static ExecResult ssh(Path key, String... command) {
        List<String> argv = new java.util.ArrayList<>(List.of("ip", "netns", "exec", LIBVIRT.namespace(),
                "ssh", "-i", key.toString(), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR", "root@" + IP));
        argv.addAll(List.of(command));
        return EXEC.run(Command.of(argv).timeout(Duration.ofSeconds(60)));
    }

    void assertRunning() {
        String st = virsh("domstate", DOMAIN).stdout().strip();
        assertThat(st).as("domain state").isEqualTo("running");
    }

    static ExecResult virsh(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("virsh", "-c", LIBVIRT.uri()));
        argv.addAll(List.of(args));
        return EXEC.runChecked(Command.of(argv).timeout(Duration.ofMinutes(2)));
    }

    static ExecResult run(String... argv) {
        return EXEC.runChecked(Command.of(argv).timeout(Duration.ofMinutes(2)));
    }

    static String write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return file.toString();
    }

    static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8)
                    : "(no serial log)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static double secs(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
