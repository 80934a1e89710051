package org.miniascape.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.exec.ExecResult;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.model.Site;
import org.miniascape.testing.LibvirtSandbox;

/**
 * The dnsmasq backend for real: the generated network is started on a sandboxed libvirtd (which then runs no
 * dnsmasq for it), the generated standalone dnsmasq runs from its generated configuration at the installed paths,
 * and a client namespace gets its reserved address by DHCP and resolves reserved and extra DNS names. The
 * generated nftables ruleset is loaded into the sandbox's namespace.
 *
 * <p>The installed paths (/etc/miniascape, /run/miniascape, /var/lib/miniascape) are provided inside a private
 * mount namespace: an overlay over /etc and /var/lib whose upper layer is a tmpfs, and a tmpfs over /run, so
 * nothing is written to the host's directories.
 */
@Tag("integration")
class StandaloneDnsmasqIntegrationTest {
    @RegisterExtension
    static final LibvirtSandbox LIBVIRT = new LibvirtSandbox();

    @TempDir
    Path dir;

    @Test
    void standaloneDnsmasqServesReservationsAndNames() throws Exception {
        Site site = NetScenarios.site("dnsmasq-backend");
        Path out = NetRenderTest.build(site, dir);
        startNetwork(out.resolve("networks/front.xml"));
        assertThat(LIBVIRT.dnsmasqPid("front")).as("libvirt's own dnsmasq for a dnsmasq-backend network").isEmpty();

        Path log = dir.resolve("dnsmasq.log");
        Process dnsmasq = startInstalled(out, "front", log);
        try {
            awaitLog(dnsmasq, log, "read /etc/miniascape/networks/front.hostsfile");
            LibvirtSandbox.Client web = LIBVIRT.client("virbr161", "52:54:00:06:01:01");
            assertThat(web.dhcp()).isEqualTo("198.51.100.21");
            assertThat(web.dig("198.51.100.1", "web-1.front.lab.example")).isEqualTo("198.51.100.21");
            assertThat(web.dig("198.51.100.1", "service-0.front.lab.example")).isEqualTo("198.51.100.10");
            assertThat(web.dig("198.51.100.1", "repo.front.lab.example")).isEqualTo("198.51.100.5");
            String text = Files.readString(log);
            assertThat(text).as("dnsmasq log").doesNotContainIgnoringCase("bad ").doesNotContainIgnoringCase("error")
                    .contains("read /etc/miniascape/networks/front.addn-hosts")
                    .doesNotContain("read /etc/hosts");
            assertThat(dnsmasq.isAlive()).isTrue();
        } finally {
            dnsmasq.destroy();
            if (!dnsmasq.waitFor(10, TimeUnit.SECONDS)) {
                dnsmasq.destroyForcibly();
            }
            removeNetwork("front");
        }
    }

    /** The default backend: libvirt's own dnsmasq serves what the generated XML reserves and names. */
    @Test
    void libvirtBackendServesTheGeneratedReservationsAndNames() throws IOException {
        Path out = NetRenderTest.build(NetScenarios.site("nat-network-dns-hosts"), dir);
        startNetwork(out.resolve("networks/net-1.xml"));
        try {
            assertThat(LIBVIRT.dnsmasqPid("net-1")).isPresent();
            LibvirtSandbox.Client node = LIBVIRT.client("virbr151", "52:54:00:05:01:02");
            assertThat(node.dhcp()).isEqualTo("198.51.100.52");
            assertThat(node.dig("198.51.100.1", "cluster-2.net-1.lab.example")).isEqualTo("198.51.100.52");
            assertThat(node.dig("198.51.100.1", "service-0.net-1.lab.example")).isEqualTo("198.51.100.10");
            assertThat(node.dig("198.51.100.1", "repo.net-1.lab.example")).isEqualTo("198.51.100.5");
        } finally {
            removeNetwork("net-1");
        }
    }

    private static void startNetwork(Path xml) throws IOException {
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            hv.startNetwork(hv.defineNetwork(Files.readString(xml)));
        }
    }

    /** Both tests use 198.51.100.0/24 in the one sandbox: each removes its network again. */
    private static void removeNetwork(String name) {
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            hv.stopNetwork(name);
            hv.undefineNetwork(name);
        }
    }

    @Test
    void nftablesRulesetLoadsAndReplacesOnlyItsOwnTable() throws IOException {
        Path out = NetRenderTest.build(NetScenarios.site("dnsmasq-backend"), dir);
        String file = out.resolve("host/nftables.conf").toString();
        ExecResult first = LIBVIRT.inNamespace("nft", "-f", file);
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        // Loading again replaces the table instead of failing or doubling the rules.
        ExecResult again = LIBVIRT.inNamespace("nft", "-f", file);
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        String table = LIBVIRT.inNamespace("nft", "list", "table", "inet", "miniascape_lab").stdout();
        assertThat(table).contains("masquerade").contains("iifname \"virbr162\" reject");
        assertThat(table.lines().filter(l -> l.endsWith(" masquerade"))).hasSize(1);
    }

    /** Runs dnsmasq in the sandbox's network namespace with the generated files at their installed paths. */
    private Process startInstalled(Path out, String network, Path log) throws IOException {
        Path layers = Files.createDirectories(dir.resolve("layers"));
        String script = String.join("\n",
                "set -e",
                "L=$1; OUT=$2; NET=$3",
                "mount -t tmpfs tmpfs \"$L\"",
                "mkdir -p \"$L/etc/u\" \"$L/etc/w\" \"$L/lib/u\" \"$L/lib/w\"",
                "mount -t overlay overlay -o \"lowerdir=/etc,upperdir=$L/etc/u,workdir=$L/etc/w\" /etc",
                "mount -t overlay overlay -o \"lowerdir=/var/lib,upperdir=$L/lib/u,workdir=$L/lib/w\" /var/lib",
                "mount -t tmpfs tmpfs /run",
                "mkdir -p /etc/miniascape/networks /run/miniascape /var/lib/miniascape",
                "cp \"$OUT/networks/$NET.dnsmasq.conf\" \"$OUT/networks/$NET.hostsfile\""
                        + " \"$OUT/networks/$NET.addn-hosts\" /etc/miniascape/networks/",
                "exec dnsmasq --conf-file=/etc/miniascape/networks/$NET.dnsmasq.conf --keep-in-foreground"
                        + " --log-facility=-",
                "");
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", LIBVIRT.namespace(),
                "unshare", "-m", "--propagation", "private", "sh", "-c", script,
                "sh", layers.toString(), out.toString(), network);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    private static void awaitLog(Process p, Path log, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("dnsmasq exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("dnsmasq did not log '" + line + "' within 20 s:\n" + Files.readString(log));
    }
}
