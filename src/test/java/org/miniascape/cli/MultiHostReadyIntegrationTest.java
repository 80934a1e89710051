package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.libvirt.DhcpLease;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.testing.Cli;
import org.miniascape.testing.DebianImage;
import org.miniascape.testing.LibvirtSandbox;

/**
 * Real guests on a site over two real libvirt hosts, up to ready: the two sandboxed libvirtd of
 * {@link MultiHostIntegrationTest} (each in a network namespace of its own, a veth underlay 192.0.2.1/192.0.2.2
 * between them, each host's shell {@code ip netns exec} of its namespace), one network homed on kvm1 and stretched
 * to kvm2 over VXLAN, and a guest on each host: the minimal guest of the benchmarks
 * ({@code src/test/sh/minimal-guest.bash}: the Debian test image's kernel, a busybox initramfs that runs udhcpc on
 * its NIC and answers on port 22 with an SSH banner) under TCG. The CLI runs here, in a namespace that reaches
 * neither guest: the guest on kvm2 is ready when kvm1's dnsmasq holds its reserved lease and its banner is read
 * through kvm1's shell, where the network's gateway is. A second {@code up} has nothing to do and restarts no qemu;
 * {@code down} leaves nothing on either host.
 */
@Tag("integration")
class MultiHostReadyIntegrationTest {
    @RegisterExtension
    static final LibvirtSandbox KVM1 = new LibvirtSandbox();
    @RegisterExtension
    static final LibvirtSandbox KVM2 = new LibvirtSandbox();

    static final String G1_MAC = "52:54:00:bd:00:11";
    static final String G2_MAC = "52:54:00:bd:00:12";

    @TempDir
    Path dir;

    Cli.Run cli(Path site, String... args) {
        String[] argv = new String[args.length + 2];
        System.arraycopy(args, 0, argv, 0, args.length);
        argv[args.length] = "-C";
        argv[args.length + 1] = site.toString();
        return Cli.run(Map.of(), dir, argv);
    }

    String site(String kernel, String initramfs, Path base, String publicKey) {
        String guest = """
                  - name: %s
                    host: %s
                    vcpus: 1
                    memory: 128
                    virt_type: qemu
                    os_variant: generic
                    console: {serial: true}
                    boot: {kernel: "%s", initrd: "%s", cmdline: "console=ttyS0 quiet"}
                    disks: [{pool: %s, size: 1}]
                    install: {method: cloud-init, image: "%s"}
                    ssh_authorized_keys: ["%s"]
                    interfaces:
                      - {network: mia-rlan, mac: "%s", ip: %s}
                """;
        return """
                site: tworeadyhosts
                domain: ready2.test
                hosts:
                  - {name: kvm1, uri: "%s", underlay: 192.0.2.1, shell: "ip netns exec %s"}
                  - {name: kvm2, uri: "%s", underlay: 192.0.2.2, shell: "ip netns exec %s"}
                storage_pools:
                  - {name: mia-rpool1, type: dir, path: "%s"}
                  - {name: mia-rpool2, type: dir, path: "%s"}
                networks:
                  - name: mia-rlan
                    mode: isolated
                    home: kvm1
                    bridge: mia-rlan0
                    cidr: 198.51.100.0/24
                    dhcp: {start: 198.51.100.200, end: 198.51.100.250}
                guests:
                """.formatted(KVM1.uri(), KVM1.namespace(), KVM2.uri(), KVM2.namespace(), dir.resolve("pool1"),
                dir.resolve("pool2"))
                + guest.formatted("mia-g1", "kvm1", kernel, initramfs, "mia-rpool1", base, publicKey, G1_MAC,
                        "198.51.100.11")
                + guest.formatted("mia-g2", "kvm2", kernel, initramfs, "mia-rpool2", base, publicKey, G2_MAC,
                        "198.51.100.12");
    }

    /** The first bytes port 22 of {@code ip} sends, read from a host's namespace. */
    static String banner(LibvirtSandbox host, String ip) {
        return host.inNamespace("timeout", "10", "bash", "-c", "exec 3<>/dev/tcp/" + ip
                + "/22 && IFS= read -r -t 5 line <&3; printf %s \"$line\"").stdout().strip();
    }

    /** The processes in a host's namespace whose command line reads a /dev/tcp address: a probe left running. */
    static List<String> probesLeft(LibvirtSandbox host) {
        String pids = new Executor().run(Command.of("ip", "netns", "pids", host.namespace())).stdout();
        return Stream.of(pids.strip().split("\\s+")).filter(p -> !p.isEmpty())
                .flatMap(p -> ProcessHandle.of(Long.parseLong(p)).stream())
                .map(p -> p.info().commandLine().orElse("")).filter(c -> c.contains("/dev/tcp/")).toList();
    }

    /** The guests' serial logs, for a failure's message. */
    static String serialLogs() {
        StringBuilder sb = new StringBuilder();
        for (LibvirtSandbox h : new LibvirtSandbox[] {KVM1, KVM2}) {
            Path logs = h.stateDir().resolve("log/qemu");
            try (Stream<Path> files = Files.exists(logs) ? Files.list(logs) : Stream.empty()) {
                for (Path f : files.filter(f -> f.toString().endsWith("-serial.log")).toList()) {
                    sb.append("\n--- ").append(f).append(":\n").append(Files.readString(f));
                }
            } catch (IOException e) {
                sb.append("\n(").append(logs).append(": ").append(e.getMessage()).append(")");
            }
        }
        return sb.toString();
    }

    private static boolean underlay;

    /** The underlay between the two sandboxes, once for the class (it goes with their namespaces). */
    static synchronized void underlay() {
        if (!underlay) {
            KVM1.underlay("192.0.2.1/24", KVM2, "192.0.2.2/24");
            underlay = true;
        }
    }

    /**
     * The processes in a host's namespace that a banner probe or an ssh relay would leave (bash, cat, timeout):
     * none is of the daemon, its dnsmasq or QEMU.
     */
    static List<String> relaysLeft(LibvirtSandbox host) {
        String pids = new Executor().run(Command.of("ip", "netns", "pids", host.namespace())).stdout();
        return Stream.of(pids.strip().split("\\s+")).filter(p -> !p.isEmpty())
                .flatMap(p -> ProcessHandle.of(Long.parseLong(p)).stream())
                .filter(p -> p.info().command().map(c -> c.endsWith("/bash") || c.endsWith("/cat")
                        || c.endsWith("/timeout")).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    /** miniascape as a process of its own here (ssh attaches its stdio: a process's are collected). */
    ExecResult miniascapeProcess(Map<String, String> env, List<String> args) {
        List<String> argv = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.miniascape.cli.Main"));
        argv.addAll(args);
        Command c = Command.of(argv).timeout(Duration.ofMinutes(3));
        env.forEach(c::env);
        return new Executor().run(c);
    }

    @Test
    void aGuestOnTheSecondHostIsReadyByTheHomesLeaseAndItsBannerReadThroughTheHomesShell() throws Exception {
        Executor exec = new Executor();
        ExecResult guest = exec.runChecked(Command.of("src/test/sh/minimal-guest.bash")
                .timeout(Duration.ofMinutes(20)));
        String[] paths = guest.stdout().strip().split("\n");
        Path kernel = Files.copy(Path.of(paths[0]), dir.resolve("vmlinuz"));
        Path initramfs = Files.copy(Path.of(paths[1]), dir.resolve("initramfs.cpio.gz"));
        Path base = dir.resolve("base.qcow2");
        exec.runChecked(Command.of("qemu-img", "create", "-q", "-f", "qcow2", "-o", "compat=1.1", base.toString(),
                "64M"));
        Path key = dir.resolve("id_ed25519");
        exec.runChecked(Command.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ready2@test", "-f",
                key.toString()));
        underlay();
        Path site = Files.writeString(dir.resolve("site.yml"), site(kernel.toString(), initramfs.toString(), base,
                Files.readString(dir.resolve("id_ed25519.pub")).strip()));

        Cli.Run up = cli(site, "up", "--timeout", "15m");
        try {
            assertThat(up.exitCode()).as(up.out() + up.err() + serialLogs()).isZero();
            assertThat(up.out()).contains(
                    "+ ready mia-g2@kvm2: wait (for lease 198.51.100.12 on mia-rlan, ssh on 198.51.100.12:22 through"
                            + " kvm1)",
                    "+ ready mia-g1@kvm1: wait (for lease 198.51.100.11 on mia-rlan, ssh on 198.51.100.11:22 through"
                            + " kvm1)",
                    "ready mia-g2@kvm2: ready in ", "ready mia-g1@kvm1: ready in ", "2 guests ready");

            // The lease of the guest on kvm2 is kvm1's dnsmasq's; kvm2 runs none for the network.
            try (Hypervisor hv = Hypervisor.open(KVM1.uri())) {
                assertThat(hv.leases("mia-rlan")).extracting(DhcpLease::mac, DhcpLease::ip).contains(
                        Tuple.tuple(G1_MAC, "198.51.100.11"), Tuple.tuple(G2_MAC, "198.51.100.12"));
            }
            assertThat(KVM2.dnsmasqPid("mia-rlan")).isEmpty();
            // Its banner, from kvm1 (over the VXLAN); from here the guest is not reachable at all.
            assertThat(banner(KVM1, "198.51.100.12")).isEqualTo("SSH-2.0-minimal");
            assertThat(banner(KVM1, "198.51.100.11")).isEqualTo("SSH-2.0-minimal");
            // The probes that readiness ran through kvm1's shell all ended.
            assertThat(probesLeft(KVM1)).isEmpty();
            assertThat(probesLeft(KVM2)).isEmpty();
            assertThat(relaysLeft(KVM1)).isEmpty();

            // status tries each SSH port through kvm1's shell too: both answer (leased by kvm1's dnsmasq).
            Cli.Run status = cli(site, "status");
            assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
            assertThat(status.out()).containsPattern("\nmia-g1 +running +mia-rlan +" + G1_MAC
                    + " +198\\.51\\.100\\.11 +198\\.51\\.100\\.11 +yes\n")
                    .containsPattern("\nmia-g2 +running +mia-rlan +" + G2_MAC
                    + " +198\\.51\\.100\\.12 +198\\.51\\.100\\.12 +yes\n");
            assertThat(relaysLeft(KVM1)).isEmpty();

            // ssh through kvm1's relay: the guest sends its banner and closes (it is no SSH server), so ssh
            // fails; the relay's two halves both end with it.
            ExecResult ssh = miniascapeProcess(Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()),
                    List.of("ssh", "mia-g2", "-C", site.toString(), "--", "true"));
            assertThat(ssh.exitCode()).as(ssh.stdout() + ssh.stderr()).isEqualTo(255);
            assertThat(relaysLeft(KVM1)).isEmpty();

            OptionalLong g1 = KVM1.qemuPid("mia-g1");
            OptionalLong g2 = KVM2.qemuPid("mia-g2");
            assertThat(g2).isPresent();
            Cli.Run again = cli(site, "up");
            assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("= ready mia-g2@kvm2: none (running, lease 198.51.100.12 on mia-rlan)",
                    "= ready mia-g1@kvm1: none (running, lease 198.51.100.11 on mia-rlan)")
                    .endsWith("\nPlan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy\n");
            assertThat(KVM1.qemuPid("mia-g1")).isEqualTo(g1);
            assertThat(KVM2.qemuPid("mia-g2")).isEqualTo(g2);
        } finally {
            Cli.Run down = cli(site, "down", "--yes");
            assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        }
        assertNothingLeftOnEitherHost();
        for (LibvirtSandbox h : new LibvirtSandbox[] {KVM1, KVM2}) {
            assertThat(h.inNamespace("ip", "-o", "link", "show").stdout()).doesNotContain("mia-rlan0");
        }
        for (String pool : List.of("pool1", "pool2")) {
            Path poolDir = dir.resolve(pool);
            try (Stream<Path> files = Files.exists(poolDir) ? Files.list(poolDir) : Stream.empty()) {
                assertThat(files.map(p -> p.getFileName().toString()).toList()).as(pool).isEmpty();
            }
        }
        assertThat(base).exists();
    }

    /**
     * The Debian test image (the guests of {@link GuestsReadyIntegrationTest}) on kvm2, on a NAT network homed on
     * kvm1: installed by cloud-init, ready by kvm1's lease and its sshd's banner read through kvm1's shell; then
     * {@code miniascape ssh} logs in through kvm1's relay with the site's key (from an agent) and leaves no relay.
     */
    @Test
    void theDebianImageOnTheSecondHostIsReadyAndSshLogsInThroughTheHomesShell() throws Exception {
        DebianImage.Image image = DebianImage.get();
        Executor exec = new Executor();
        Path key = dir.resolve("id_ed25519");
        exec.runChecked(Command.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "deb2@test", "-f",
                key.toString()));
        underlay();
        Path site = Files.writeString(dir.resolve("site.yml"), """
                site: twohostsdebian
                domain: deb2.test
                hosts:
                  - {name: kvm1, uri: "%s", underlay: 192.0.2.1, shell: "ip netns exec %s"}
                  - {name: kvm2, uri: "%s", underlay: 192.0.2.2, shell: "ip netns exec %s"}
                storage_pools:
                  - {name: mia-dpool, type: dir, path: "%s"}
                networks:
                  - name: mia-dnat
                    mode: nat
                    home: kvm1
                    bridge: mia-dnat0
                    cidr: 203.0.113.0/24
                    dhcp: {start: 203.0.113.200, end: 203.0.113.250}
                guests:
                  - name: mia-deb2
                    host: kvm2
                    memory: 512
                    virt_type: qemu
                    os_variant: debian12
                    console: {serial: true}
                    boot: {kernel: "%s", initrd: "%s", cmdline: "%s"}
                    disks: [{pool: mia-dpool, size: 3}]
                    install: {method: cloud-init, image: "%s"}
                    ssh_authorized_keys: ["%s"]
                    interfaces:
                      - {network: mia-dnat, mac: "52:54:00:bd:01:20", ip: 203.0.113.20}
                """.formatted(KVM1.uri(), KVM1.namespace(), KVM2.uri(), KVM2.namespace(), dir.resolve("pool"),
                image.kernel(), image.initrd(), DebianImage.Image.CMDLINE, image.disk(),
                Files.readString(dir.resolve("id_ed25519.pub")).strip()));

        Process agent = null;
        Cli.Run up = cli(site, "up", "--timeout", "20m");
        try {
            assertThat(up.exitCode()).as(up.out() + up.err() + serialLogs()).isZero();
            assertThat(up.out()).contains("+ ready mia-deb2@kvm2: wait (for lease 203.0.113.20 on mia-dnat, ssh on"
                    + " 203.0.113.20:22 through kvm1)", "ready mia-deb2@kvm2: ready in ");
            try (Hypervisor hv = Hypervisor.open(KVM1.uri())) {
                assertThat(hv.leases("mia-dnat")).extracting(DhcpLease::mac, DhcpLease::ip)
                        .contains(Tuple.tuple("52:54:00:bd:01:20", "203.0.113.20"));
            }
            assertThat(banner(KVM1, "203.0.113.20")).startsWith("SSH-2.0-OpenSSH");
            assertThat(relaysLeft(KVM1)).isEmpty();

            // The site's key in an agent of our own (ssh reads ~/.ssh from the passwd entry, not $HOME).
            Path socket = dir.resolve("agent.sock");
            agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("agent.out").toFile()).start();
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            Map<String, String> env = Map.of("SSH_AUTH_SOCK", socket.toString(), "XDG_CACHE_HOME",
                    dir.resolve("cache").toString());
            Command add = Command.of("ssh-add", "-q", key.toString());
            env.forEach(add::env);
            exec.runChecked(add);
            ExecResult ssh = miniascapeProcess(env, List.of("ssh", "mia-deb2", "-C", site.toString(), "--",
                    "hostname"));
            assertThat(ssh.exitCode()).as(ssh.stdout() + ssh.stderr()).isZero();
            assertThat(ssh.stdout().strip()).isEqualTo("mia-deb2");
            assertThat(relaysLeft(KVM1)).isEmpty();

            OptionalLong qemu = KVM2.qemuPid("mia-deb2");
            Cli.Run again = cli(site, "up");
            assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("= ready mia-deb2@kvm2: none (running, lease 203.0.113.20 on mia-dnat)")
                    .endsWith("\nPlan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy\n");
            assertThat(KVM2.qemuPid("mia-deb2")).isEqualTo(qemu);
        } finally {
            if (agent != null) {
                agent.destroy(); // the ssh-agent we started, by its PID
                agent.waitFor();
            }
            Cli.Run down = cli(site, "down", "--yes");
            assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        }
        assertNothingLeftOnEitherHost();
        assertThat(image.disk()).exists();
    }

    /** After down: no network, domain or pool on either host, and no VXLAN device in either namespace. */
    private static void assertNothingLeftOnEitherHost() throws Exception {
        for (LibvirtSandbox h : new LibvirtSandbox[] {KVM1, KVM2}) {
            try (Hypervisor hv = Hypervisor.open(h.uri())) {
                assertThat(hv.networks()).isEmpty();
                assertThat(hv.domains()).isEmpty();
                assertThat(hv.pools()).isEmpty();
            }
            assertThat(h.inNamespace("ip", "-o", "link", "show", "type", "vxlan").stdout()).isBlank();
        }
    }
}
