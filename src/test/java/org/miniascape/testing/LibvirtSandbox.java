package org.miniascape.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.libvirt.DomainStatus;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.libvirt.NetworkStatus;
import org.miniascape.libvirt.PoolStatus;

/**
 * A real libvirtd for integration tests, in a network namespace of its own with private state directories
 * (recipe: shared/docs/libvirt-sandbox.md). Register it per test class:
 *
 * <pre>{@code @RegisterExtension static final LibvirtSandbox LIBVIRT = new LibvirtSandbox();}</pre>
 *
 * <p>It never touches the root network namespace: bridges, addresses and dnsmasq all live in the sandbox's
 * namespace; clients ({@link #client}) get namespaces of their own, joined to a libvirt bridge by a veth.
 * Teardown destroys domains, networks and pools through the API, stops libvirtd by its PID, kills by PID what
 * is left in its namespaces, then deletes them. QEMU capabilities are cached between instances of one JVM, so
 * only the first start pays the ~5 s probe.
 */
public final class LibvirtSandbox implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private static final Executor EXEC = new Executor();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Path capsCache;

    private String namespace;
    private Path state;
    private Process daemon;
    private String uri;
    private final List<String> clientNamespaces = new ArrayList<>();
    private Thread shutdownHook;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The client URI of the sandboxed daemon. */
    public String uri() {
        return uri;
    }

    /** The network namespace libvirtd and its networks live in. */
    public String namespace() {
        return namespace;
    }

    /** The daemon's private state: etc, run, lib, cache, log (bound over /etc/libvirt … inside it). */
    public Path stateDir() {
        return state;
    }

    /** Runs a command inside the sandbox's network namespace. */
    public ExecResult inNamespace(String... argv) {
        return inNs(namespace, argv);
    }

    /**
     * {@code miniascape ARGS} as its own process (this JVM's classpath) inside the sandbox's network and mount
     * namespaces, as it would run on the libvirt host: preflight sees the sandbox's interfaces and sockets,
     * readiness its bridges, and the paths the daemon uses (a guest's serial log in /var/log/libvirt/qemu, the
     * installer's /var/lib/libvirt/boot) are the daemon's.
     */
    public ExecResult miniascape(Duration timeout, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("nsenter", "-t", Long.toString(daemon.pid()), "-m", "-n",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.miniascape.cli.Main"));
        argv.addAll(args);
        return EXEC.run(Command.of(argv).timeout(timeout));
    }

    /** The PID of the dnsmasq libvirt runs for a network, when it runs one. */
    public OptionalLong dnsmasqPid(String network) {
        return pid(state.resolve("run/network/" + network + ".pid"));
    }

    /** The PID of a running domain's QEMU process, from libvirtd's pid file. */
    public OptionalLong qemuPid(String domain) {
        return pid(state.resolve("run/qemu/" + domain + ".pid"));
    }

    private static OptionalLong pid(Path pidFile) {
        try {
            return Files.exists(pidFile) ? OptionalLong.of(Long.parseLong(Files.readString(pidFile).strip()))
                    : OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void start() {
        int n = COUNTER.incrementAndGet();
        namespace = "mia-lv" + ProcessHandle.current().pid() + "-" + n;
        try {
            state = Files.createTempDirectory("mia-libvirtd-");
            // log/qemu as libvirt's qemu driver packages ship it: a domain's serial log goes there, and libvirtd
            // opens it before it would create the directory itself.
            for (String d : List.of("etc", "run", "lib", "cache", "log", "log/qemu")) {
                Files.createDirectories(state.resolve(d));
            }
            Files.writeString(state.resolve("etc/libvirtd.conf"), String.join("\n",
                    "unix_sock_group = \"root\"",
                    "unix_sock_rw_perms = \"0700\"",
                    "auth_unix_ro = \"none\"",
                    "auth_unix_rw = \"none\"",
                    "log_outputs = \"3:file:/var/log/libvirt/libvirtd.log\"", ""));
            // Without stdio_handler=file, domains need virtlogd.
            Files.writeString(state.resolve("etc/qemu.conf"), String.join("\n",
                    "user = \"root\"", "group = \"root\"", "security_driver = \"none\"",
                    "stdio_handler = \"file\"", ""));
            // dnsmasq can then only forward to the namespace's own loopback: no traffic leaves the sandbox.
            Files.writeString(state.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
            restoreCapabilities();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        shutdownHook = new Thread(this::close, "libvirt-sandbox-teardown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        run("ip", "netns", "add", namespace);
        inNamespace("ip", "link", "set", "lo", "up");
        // ip netns exec, unshare and sh all exec: the process we start is libvirtd itself.
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", namespace,
                "unshare", "-m", "--propagation", "private", "sh", "-c",
                "B=$1\n"
                        + "mount --bind \"$B/etc\" /etc/libvirt && mount --bind \"$B/run\" /run/libvirt"
                        + " && mount --bind \"$B/lib\" /var/lib/libvirt"
                        + " && mount --bind \"$B/cache\" /var/cache/libvirt"
                        + " && mount --bind \"$B/log\" /var/log/libvirt"
                        + " && mount --bind \"$B/resolv.conf\" /etc/resolv.conf"
                        + " && exec libvirtd -f /etc/libvirt/libvirtd.conf -p /run/libvirt/libvirtd.pid",
                "sh", state.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(state.resolve("daemon.out").toFile());
        try {
            daemon = pb.start();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot start libvirtd", e);
        }
        uri = "qemu+unix:///system?socket=" + state.resolve("run/libvirt-sock");
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path socket = state.resolve("run/libvirt-sock");
        MiniascapeException last = null;
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                String out = readQuietly(state.resolve("daemon.out")) + readQuietly(state.resolve("log/libvirtd.log"));
                close();
                throw new IllegalStateException("libvirtd exited with " + daemon.exitValue() + ":\n" + out);
            }
            if (Files.exists(socket)) {
                try (Hypervisor hv = Hypervisor.open(uri)) {
                    // The first call after start waits for the QEMU capability probe.
                    hv.libvirtVersion();
                    return;
                } catch (MiniascapeException e) {
                    last = e;
                }
            }
            sleep(50);
        }
        close();
        throw new IllegalStateException("libvirtd did not answer within 60 s", last);
    }

    /**
     * A client namespace plugged into {@code bridge} (in the sandbox) by a veth whose client end has {@code mac}:
     * a "guest" without an OS, for DHCP and DNS checks.
     */
    public synchronized Client client(String bridge, String mac) {
        int n = COUNTER.incrementAndGet();
        String ns = namespace + "-c" + n;
        // Interface names: at most 15 characters, unique only per namespace.
        String hostEnd = "vb" + n;
        run("ip", "netns", "add", ns);
        clientNamespaces.add(ns);
        inNs(ns, "ip", "link", "set", "lo", "up");
        inNamespace("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", "vc0", "netns", ns);
        inNamespace("ip", "link", "set", hostEnd, "master", bridge, "up");
        inNs(ns, "ip", "link", "set", "vc0", "address", mac, "up");
        return new Client(ns);
    }

    /**
     * The underlay between two sandboxes, as between two libvirt hosts: a veth pair {@code ul0} (here) and
     * {@code ul1} (in {@code other}), with these addresses ({@code 192.0.2.1/24}), inside the two namespaces only.
     * It goes with the namespaces.
     */
    public void underlay(String cidr, LibvirtSandbox other, String otherCidr) {
        inNamespace("ip", "link", "add", "ul0", "type", "veth", "peer", "name", "ul1", "netns", other.namespace());
        inNamespace("ip", "addr", "add", cidr, "dev", "ul0");
        inNamespace("ip", "link", "set", "ul0", "up");
        other.inNamespace("ip", "addr", "add", otherCidr, "dev", "ul1");
        other.inNamespace("ip", "link", "set", "ul1", "up");
    }

    /**
     * Stops the sandbox's libvirtd (SIGTERM to the PID we started), as a host whose daemon is down; what it ran
     * (dnsmasq, QEMU) is ended with the namespace at teardown.
     */
    public synchronized void stopDaemon() {
        daemon.destroy();
        try {
            if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
                daemon.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A DHCP/DNS client namespace; removed with the sandbox. */
    public final class Client {
        private final String ns;

        Client(String ns) {
            this.ns = ns;
        }

        public String namespace() {
            return ns;
        }

        /** Runs busybox udhcpc once on the veth, configures the address it got, and returns it. */
        public String dhcp() {
            Path script = state.resolve(ns + "-udhcpc.sh");
            Path result = state.resolve(ns + "-lease");
            try {
                Files.deleteIfExists(result);
                Files.writeString(script, "#!/bin/sh\n"
                        + "case \"$1\" in bound|renew)\n"
                        + "  ip addr flush dev \"$interface\"\n"
                        + "  ip addr add \"$ip/$mask\" dev \"$interface\"\n"
                        + "  echo \"$ip\" > '" + result + "' ;;\n"
                        + "esac\n");
                script.toFile().setExecutable(true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            inNs(ns, "busybox", "udhcpc", "-i", "vc0", "-f", "-q", "-n", "-t", "10", "-T", "1",
                    "-s", script.toString());
            return readQuietly(result).strip();
        }

        /** True when {@code address} answers one ping (busybox) from the client within 2 s. */
        public boolean ping(String address) {
            return EXEC.run(Command.of("ip", "netns", "exec", ns, "busybox", "ping", "-c", "1", "-W", "2", address)
                    .timeout(Duration.ofSeconds(10))).ok();
        }

        /** dig +short for an A record at {@code server}; the answer lines. */
        public String dig(String server, String name) {
            return inNs(ns, "dig", "+short", "+time=2", "+tries=2", "@" + server, name).stdout().strip();
        }
    }

    @Override
    public synchronized void close() {
        if (namespace == null) {
            return;
        }
        try {
            if (daemon != null && daemon.isAlive() && uri != null) {
                destroyEverything();
            }
        } catch (RuntimeException e) {
            System.err.println("libvirt sandbox: cleaning up through the API failed: " + e.getMessage());
        }
        if (daemon != null) {
            daemon.destroy(); // SIGTERM to the libvirtd we started
            try {
                if (!daemon.waitFor(15, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly();
                    daemon.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : clientNamespaces) {
            killRemaining(ns);
            EXEC.run(Command.of("ip", "netns", "del", ns));
        }
        clientNamespaces.clear();
        killRemaining(namespace);
        EXEC.run(Command.of("ip", "netns", "del", namespace));
        saveCapabilities();
        deleteTree(state);
        namespace = null;
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /** Stopping libvirtd does not stop its networks or domains (dnsmasq is re-parented to PID 1). */
    private void destroyEverything() {
        try (Hypervisor hv = Hypervisor.open(uri)) {
            for (DomainStatus d : hv.domains()) {
                if (d.active()) {
                    hv.stopDomain(d.name());
                }
                if (d.persistent()) {
                    hv.undefineDomain(d.name());
                }
            }
            for (NetworkStatus net : hv.networks()) {
                if (net.active()) {
                    hv.stopNetwork(net.name());
                }
                if (net.persistent()) {
                    hv.undefineNetwork(net.name());
                }
            }
            for (PoolStatus p : hv.pools()) {
                if (p.active()) {
                    hv.stopPool(p.name());
                }
                if (p.persistent()) {
                    hv.undefinePool(p.name());
                }
            }
        }
    }

    /** Kills, by PID, whatever still runs in a namespace of ours (only processes our daemon or we started). */
    private static void killRemaining(String ns) {
        for (int round = 0; round < 2; round++) {
            ExecResult pids = EXEC.run(Command.of("ip", "netns", "pids", ns));
            if (!pids.ok() || pids.stdout().isBlank()) {
                return;
            }
            boolean force = round > 0;
            for (String pid : pids.stdout().strip().split("\\s+")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                    if (!force) {
                        p.destroy();
                    } else {
                        p.destroyForcibly();
                    }
                    p.onExit().completeOnTimeout(p, 5, TimeUnit.SECONDS).join();
                });
            }
        }
    }

    private static synchronized void restoreCapabilitiesInto(Path cacheDir) throws IOException {
        if (capsCache != null && Files.isDirectory(capsCache)) {
            copyTree(capsCache, cacheDir.resolve("qemu"));
        }
    }

    private void restoreCapabilities() throws IOException {
        restoreCapabilitiesInto(state.resolve("cache"));
    }

    private void saveCapabilities() {
        synchronized (LibvirtSandbox.class) {
            Path caps = state.resolve("cache/qemu");
            if (capsCache != null || !Files.isDirectory(caps)) {
                return;
            }
            try {
                Path dir = Files.createTempDirectory("mia-qemu-caps-");
                copyTree(caps, dir);
                capsCache = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            } catch (IOException e) {
                // only a speed-up
            }
        }
    }

    private static ExecResult inNs(String ns, String... argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(argv));
        return run(full.toArray(String[]::new));
    }

    private static ExecResult run(String... argv) {
        return EXEC.runChecked(Command.of(argv).timeout(Duration.ofSeconds(60)));
    }

    private static String readQuietly(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("libvirt sandbox: could not delete " + root + ": " + e.getMessage());
        }
    }
}
