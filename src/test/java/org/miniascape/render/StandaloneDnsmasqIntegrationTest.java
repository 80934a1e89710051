package org.miniascape.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
            stop(dnsmasq);
            removeNetwork("front");
        }
    }

    /**
     * A guest added to a site whose network runs on the standalone dnsmasq: its net_register.sh puts its lines
     * into the installed files (which predate the guest) and makes the running dnsmasq reread them — the guest
     * gets its address and its name resolves without a restart; a second run changes nothing.
     */
    @Test
    void netRegisterPutsANewGuestIntoTheRunningStandaloneDnsmasq() throws Exception {
        Path config = dir.resolve("site.yml");
        Files.writeString(config, String.join("\n",
                "site: lab",
                "domain: lab.example",
                "networks:",
                "  - {name: front, mode: nat, bridge: virbr163, cidr: 198.51.100.0/24, dhcp_backend: dnsmasq,",
                "     dhcp: {start: 198.51.100.200, end: 198.51.100.250, static: {start: 198.51.100.10, end: 198.51.100.99}},",
                "     hosts: [{name: service-0, mac: '52:54:00:01:00:10', ip: 198.51.100.10}]}",
                "guests:",
                "  - {name: web-9, interfaces: [{network: front, ip: 198.51.100.29, mac: '52:54:00:06:09:09'}]}",
                ""));
        Path out = dir.resolve("out");
        org.miniascape.testing.Cli.Run build = org.miniascape.testing.Cli.run("build", "-C", config.toString(),
                "-w", out.toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        // What was installed when web-9 had another address: its lines there say 198.51.100.77.
        Path installed = Files.createDirectories(dir.resolve("installed/networks"));
        Files.copy(out.resolve("networks/front.dnsmasq.conf"), installed.resolve("front.dnsmasq.conf"));
        for (String file : new String[] {"front.hostsfile", "front.addn-hosts"}) {
            String text = Files.readString(out.resolve("networks/" + file));
            assertThat(text).contains("198.51.100.29");
            Files.writeString(installed.resolve(file), text.replace("198.51.100.29", "198.51.100.77"));
        }
        startNetwork(out.resolve("networks/front.xml"));
        Path log = dir.resolve("dnsmasq.log");
        Process dnsmasq = startInstalled(installed.getParent(), "front", log);
        try {
            awaitLog(dnsmasq, log, "read /etc/miniascape/networks/front.hostsfile");
            // A client with service-0's MAC asks the questions; web-9's own MAC asks for its address at the end.
            LibvirtSandbox.Client probe = LIBVIRT.client("virbr163", "52:54:00:01:00:10");
            assertThat(probe.dhcp()).isEqualTo("198.51.100.10");
            assertThat(probe.dig("198.51.100.1", "service-0.lab.example")).isEqualTo("198.51.100.10");
            assertThat(probe.dig("198.51.100.1", "web-9.lab.example")).isEqualTo("198.51.100.77");

            ExecResult first = inDnsmasqNamespaces(dnsmasq, out.resolve("guests/web-9/net_register.sh"));
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout()).contains(
                    "front: /etc/miniascape/networks/front.hostsfile: 52:54:00:06:09:09,198.51.100.29,web-9: added, "
                            + "replacing 1 line(s) of the same MAC, address or name",
                    "front: /etc/miniascape/networks/front.addn-hosts: 198.51.100.29 web-9.lab.example web-9: added, "
                            + "replacing 1 line(s) of the same MAC, address or name",
                    "front: dnsmasq (pid " + dnsmasq.pid() + ") rereads its files");
            awaitLog(dnsmasq, log, "read /etc/miniascape/networks/front.addn-hosts", 2); // reread on SIGHUP
            assertThat(probe.dig("198.51.100.1", "web-9.lab.example")).isEqualTo("198.51.100.29");
            assertThat(LIBVIRT.client("virbr163", "52:54:00:06:09:09").dhcp()).isEqualTo("198.51.100.29");

            ExecResult again = inDnsmasqNamespaces(dnsmasq, out.resolve("guests/web-9/net_register.sh"));
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            assertThat(again.stdout().lines().filter(l -> l.endsWith(": present"))).hasSize(2);
            assertThat(again.stdout()).doesNotContain("added", "rereads");
            String hostsfile = inDnsmasqNamespaces(dnsmasq, "cat", "/etc/miniascape/networks/front.hostsfile").stdout();
            assertThat(hostsfile).contains("52:54:00:06:09:09,198.51.100.29,web-9", "service-0")
                    .doesNotContain("198.51.100.77");
            assertThat(dnsmasq.isAlive()).isTrue();
            assertThat(Files.readString(log)).doesNotContainIgnoringCase("error");
        } finally {
            stop(dnsmasq);
            removeNetwork("front");
        }
    }

    /** Runs a script in the network and mount namespaces of the installed dnsmasq (its /etc and /run). */
    private static ExecResult inDnsmasqNamespaces(Process dnsmasq, Path script) {
        return inDnsmasqNamespaces(dnsmasq, "bash", script.toString());
    }

    private static ExecResult inDnsmasqNamespaces(Process dnsmasq, String... argv) {
        List<String> command = new ArrayList<>(List.of("nsenter", "--target", Long.toString(dnsmasq.pid()),
                "--mount", "--net"));
        command.addAll(List.of(argv));
        return new org.miniascape.exec.Executor().run(org.miniascape.exec.Command.of(command));
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

    private static void stop(Process dnsmasq) throws InterruptedException {
        dnsmasq.destroy();
        if (!dnsmasq.waitFor(10, TimeUnit.SECONDS)) {
            dnsmasq.destroyForcibly();
        }
    }

    /** The tests use 198.51.100.0/24 in the one sandbox: each removes its network again. */
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
        awaitLog(p, log, line, 1);
    }

    /** Waits until the log holds {@code line} {@code times} times (or more). */
    private static void awaitLog(Process p, Path log, String line, int times) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).split(java.util.regex.Pattern.quote(line), -1).length > times) {
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
