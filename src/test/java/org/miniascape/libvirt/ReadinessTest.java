package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;
import org.miniascape.testing.TestDriver;

/**
 * Waiting for a guest: a running test-driver domain (which holds no leases) and a real TCP server on loopback
 * standing in for the guest's SSH port, one that greets as sshd does and one that does not.
 */
class ReadinessTest {
    static final String DOMAIN = """
            <domain type='test'>
              <name>web-1</name>
              <memory unit='MiB'>64</memory>
              <os><type>hvm</type></os>
            </domain>
            """;

    @TempDir
    Path dir;
    Hypervisor hv;
    final List<ServerSocket> servers = new ArrayList<>();

    @BeforeEach
    void open() {
        hv = Hypervisor.open(TestDriver.uri(dir));
        hv.defineDomain(DOMAIN);
    }

    @AfterEach
    void close() throws IOException {
        hv.close();
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    /** Accepts connections on loopback and writes {@code greeting} to each. */
    InetSocketAddress server(String greeting) throws IOException {
        ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        servers.add(s);
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try (Socket c = s.accept(); OutputStream out = c.getOutputStream()) {
                    out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
    }

    Readiness readiness(Optional<InetSocketAddress> ssh, Duration timeout, String log) {
        return new Readiness("web-1", List.of(), ssh, "", timeout, Duration.ofMillis(100), log);
    }

    @Test
    void aRunningGuestWhosePortGreetsAsSshIsReady() throws IOException {
        hv.startDomain("web-1");
        InetSocketAddress ssh = server("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
        List<String> progress = new ArrayList<>();
        readiness(Optional.of(ssh), Duration.ofSeconds(30), "").await(hv, progress::add);
        assertThat(progress).singleElement().asString().startsWith("ready in ");
    }

    @Test
    void aPortThatAnswersWithoutAnSshBannerIsNotReadyAndTheTimeoutSaysWhatWasReached() throws IOException {
        hv.startDomain("web-1");
        InetSocketAddress notSsh = server("HTTP/1.0 400 Bad Request\r\n\r\n");
        Path log = Files.writeString(dir.resolve("web-1-serial.log"), "Booting...\n"
                + "line 2\n".repeat(40) + "cloud-init: failed\u001b[0m\n");
        assertThatThrownBy(() -> readiness(Optional.of(notSsh), Duration.ofSeconds(1), log.toString())
                .await(hv, x -> { }))
                .isInstanceOfSatisfying(MiniascapeException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(1);
                    assertThat(e.getMessage()).startsWith("guest web-1 was not ready after 1s; reached: running;"
                            + " not reached: ssh on 127.0.0.1:" + notSsh.getPort() + " (--timeout waits longer)")
                            .contains("last lines of " + log)
                            .endsWith("    line 2\n    cloud-init: failed[0m")
                            .doesNotContain("Booting");
                });
    }

    @Test
    void aGuestThatIsNotRunningFailsAtOnceNamingWhereItsLogIs() {
        assertThatThrownBy(() -> readiness(Optional.empty(), Duration.ofMinutes(10),
                "/var/log/libvirt/qemu/no-such-dir-here/web-1-serial.log").await(hv, x -> { }))
                .isInstanceOfSatisfying(MiniascapeException.class, e -> assertThat(e.getMessage()).isEqualTo(
                        "guest web-1 is not running (it stopped or was never started) while waiting for it to be"
                                + " ready; reached: running; its serial console is logged on the libvirt host in"
                                + " /var/log/libvirt/qemu/no-such-dir-here/web-1-serial.log"));
    }

    @Test
    void leasesAreHeldOnlyByTheReservedMacAtTheReservedAddress() {
        Readiness.Lease want = new Readiness.Lease("lan", "52:54:00:00:00:0a", "198.51.100.10");
        DhcpLease same = new DhcpLease("mia-lan", 0, "52:54:00:00:00:0A", "198.51.100.10", 24, Optional.empty(),
                Optional.empty());
        DhcpLease otherMac = new DhcpLease("mia-lan", 0, "52:54:00:00:00:0b", "198.51.100.10", 24, Optional.empty(),
                Optional.empty());
        DhcpLease otherIp = new DhcpLease("mia-lan", 0, "52:54:00:00:00:0a", "198.51.100.11", 24, Optional.empty(),
                Optional.empty());
        assertThat(want.heldBy(List.of(otherMac, otherIp))).isFalse();
        assertThat(want.heldBy(List.of(otherMac, same))).isTrue();
    }

    /** A host that only answers for the leases of {@code network} (a network's home in a site over several hosts). */
    static HostReader leasing(String network, DhcpLease... leases) {
        return (HostReader) java.lang.reflect.Proxy.newProxyInstance(HostReader.class.getClassLoader(),
                new Class<?>[] {HostReader.class}, (proxy, method, args) -> {
                    if (method.getName().equals("leases") && args[0].equals(network)) {
                        return List.of(leases);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theLeasesOfANetworkHomedOnAnotherHostAreReadThere() {
        hv.startDomain("web-1");
        Readiness.Lease want = new Readiness.Lease("lan", "52:54:00:00:00:0a", "198.51.100.10");
        HostReader home = leasing("lan", new DhcpLease("mia-lan0", 0, "52:54:00:00:00:0a", "198.51.100.10", 24,
                Optional.empty(), Optional.empty()));
        Readiness r = new Readiness("web-1", List.of(want), Optional.empty(), "", Duration.ofSeconds(10),
                Duration.ofMillis(100), "", Map.of("lan", home));
        // The guest's own host (the test driver) holds no lease: the home's does.
        assertThat(r.leasesHeld(hv)).isTrue();
        List<String> progress = new ArrayList<>();
        r.await(hv, progress::add);
        assertThat(progress).hasSize(2);
        assertThat(progress.get(0)).startsWith("lease 198.51.100.10 on lan after ");
    }

    /** Accepts connections on loopback and never writes (a port that is open but is no SSH server). */
    InetSocketAddress silentServer() throws IOException {
        ServerSocket s = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        servers.add(s);
        List<Socket> held = new ArrayList<>();
        Thread t = new Thread(() -> {
            while (!s.isClosed()) {
                try {
                    held.add(s.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
    }

    /** The processes of this JVM whose command line names {@code /dev/tcp/127.0.0.1/PORT}: a probe still running. */
    static List<ProcessHandle> probesOf(int port) {
        String needle = "/dev/tcp/127.0.0.1/" + port;
        return ProcessHandle.current().descendants().filter(p -> p.info().arguments().map(a -> String.join(" ", a))
                .orElse("").contains(needle)).toList();
    }

    @Test
    void aHostsShellReadsTheBannerThroughBashAndLeavesNoProcess() throws IOException {
        // A command prefix (as "ip netns exec NS" is): env runs the probe's words as they are.
        HostShell shell = new HostShell("kvm1", List.of("env"), new org.miniascape.exec.Executor());
        InetSocketAddress ssh = server("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
        InetSocketAddress http = server("HTTP/1.0 400 Bad Request\r\n\r\n");
        InetSocketAddress silent = silentServer();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertThat(shell.sshBanner("127.0.0.1", ssh.getPort())).isTrue();
        assertThat(shell.sshBanner("127.0.0.1", http.getPort())).isFalse();
        assertThat(shell.sshBanner("127.0.0.1", closed)).isFalse();
        long start = System.nanoTime();
        assertThat(shell.sshBanner("127.0.0.1", silent.getPort())).isFalse();
        // The read gives up by itself (read -t 5), well within timeout's limit.
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isLessThan(Duration.ofSeconds(HostShell.BANNER_SECONDS));
        for (int port : new int[] {ssh.getPort(), http.getPort(), closed, silent.getPort()}) {
            assertThat(probesOf(port)).as("probe of port " + port).isEmpty();
        }
    }

    @Test
    void overSshTheProbeIsOneWordForTheRemoteShell() throws IOException {
        // A stand-in for ssh that does what ssh does with its words: joins them with spaces, and the remote
        // user's shell parses that line (sh -c). Unquoted, the script would fall apart there.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path ssh = Files.writeString(bin.resolve("ssh"), "#!/bin/sh\nshift\nexec sh -c \"$*\"\n");
        ssh.toFile().setExecutable(true);
        HostShell shell = new HostShell("kvm2", List.of(ssh.toString(), "root@kvm2"),
                new org.miniascape.exec.Executor());
        assertThat(shell.sshBanner("127.0.0.1", server("SSH-2.0-minimal\r\n").getPort())).isTrue();
        assertThat(shell.sshBanner("127.0.0.1", server("220 smtp\r\n").getPort())).isFalse();
    }

    @Test
    void aBannerReadThroughAHostIsSaidSoAndWaitedFor() throws IOException {
        hv.startDomain("web-1");
        InetSocketAddress ssh = server("SSH-2.0-minimal\r\n");
        Readiness.Banner banner = Readiness.Banner.through(new HostShell("kvm1", List.of("env"),
                new org.miniascape.exec.Executor()));
        Readiness r = new Readiness("web-1", List.of(), Optional.of(ssh), "", Duration.ofSeconds(30),
                Duration.ofMillis(100), "", Map.of(), banner);
        assertThat(r.describe()).isEqualTo("ssh on 127.0.0.1:" + ssh.getPort() + " through kvm1");
        List<String> progress = new ArrayList<>();
        r.await(hv, progress::add);
        assertThat(progress).singleElement().asString().startsWith("ready in ");
        // A local shell is this machine: its own socket, and nothing to say.
        assertThat(Readiness.Banner.through(new HostShell("kvm0", List.of(), new org.miniascape.exec.Executor())))
                .isSameAs(Readiness.Banner.HERE);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Readiness.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Readiness.format(Duration.ofSeconds(133))).isEqualTo("2m13s");
        assertThat(Readiness.format(Duration.ofMinutes(62))).isEqualTo("1h02m");
    }
}
