package org.miniascape.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.miniascape.MiniascapeException;

/**
 * When a started guest is ready: each of its interfaces on a network whose DHCP libvirt serves holds a lease of
 * its reserved address (virNetworkGetDHCPLeases), then — when the guest takes ssh keys and its address is
 * reachable from where miniascape runs — its SSH port answers with an SSH banner. In a site over several hosts
 * the banner is read where the address can be reached from: through the shell of the network's home host (or of
 * the guest's host), see {@link Banner}. For an address reachable from nowhere miniascape can read (a remote host
 * of a site on one host, a network none of this machine's interfaces is on), the leases alone are ready, and
 * {@link #describe()} says so. A guest not ready after {@code timeout} fails the step: the message names what
 * it reached, what it did not, and the last lines of its serial log when that file is readable here.
 */
public record Readiness(String guest, List<Lease> leases, Optional<InetSocketAddress> ssh, String sshNote,
                        Duration timeout, Duration poll, String serialLog, java.util.Map<String, HostReader> leaseHosts,
                        Banner banner) {

    /** Where a guest's SSH banner is read from: this machine, or a host through its shell. */
    public interface Banner {
        /** True when the port accepts a connection and sends an SSH identification line, as seen from there. */
        boolean answers(InetSocketAddress address);

        /** The host whose shell reads it; empty for this machine. */
        String through();

        /** From this machine: a socket of its own. */
        Banner HERE = new Banner() {
            public boolean answers(InetSocketAddress address) {
                return Readiness.answers(address);
            }

            public String through() {
                return "";
            }
        };

        /** From a host, through its shell ({@link HostShell#sshBanner}); a {@code local} shell is this machine. */
        static Banner through(HostShell shell) {
            if (shell.here()) {
                return HERE;
            }
            return new Banner() {
                public boolean answers(InetSocketAddress address) {
                    return shell.sshBanner(host(address), address.getPort());
                }

                public String through() {
                    return shell.host();
                }
            };
        }
    }

    /** A lease the guest's interface must hold: its MAC and reserved address on a network. */
    public record Lease(String network, String mac, String ip) {
        boolean heldBy(List<DhcpLease> held) {
            return held.stream().anyMatch(l -> ip.equals(l.ip()) && l.mac() != null
                    && mac.equalsIgnoreCase(l.mac()));
        }

        @Override
        public String toString() {
            return "lease " + ip + " on " + network;
        }
    }

    public Readiness {
        leases = List.copyOf(leases);
        leaseHosts = java.util.Map.copyOf(leaseHosts);
        banner = banner == null ? Banner.HERE : banner;
    }

    public Readiness(String guest, List<Lease> leases, Optional<InetSocketAddress> ssh, String sshNote,
                     Duration timeout, Duration poll, String serialLog, java.util.Map<String, HostReader> leaseHosts) {
        this(guest, leases, ssh, sshNote, timeout, poll, serialLog, leaseHosts, Banner.HERE);
    }

    /**
     * The leases of every network are read from the guest's own host. ({@code leaseHosts}, by network: the host
     * whose dnsmasq serves a network instead, the network's home in a site over several hosts.)
     */
    public Readiness(String guest, List<Lease> leases, Optional<InetSocketAddress> ssh, String sshNote,
                     Duration timeout, Duration poll, String serialLog) {
        this(guest, leases, ssh, sshNote, timeout, poll, serialLog, java.util.Map.of());
    }

    private List<DhcpLease> leasesOf(String network, HostReader own) {
        return leaseHosts.getOrDefault(network, own).leases(network);
    }

    /** The lines of the serial log shown when a guest does not get ready. */
    static final int LOG_LINES = 25;

    /** What ready means for this guest, for the plan: "lease 198.51.100.11 on lan, ssh on 198.51.100.11:22". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        leases.forEach(l -> parts.add(l.toString()));
        ssh.ifPresent(a -> parts.add(sshText(a)));
        String what = parts.isEmpty() ? "it to run" : String.join(", ", parts);
        return sshNote.isEmpty() ? what : what + "; " + sshNote;
    }

    /** True when every lease is held now: the planner's check (it never probes a port). */
    public boolean leasesHeld(HostReader host) {
        for (Lease l : leases) {
            if (!l.heldBy(leasesOf(l.network(), host))) {
                return false;
            }
        }
        return true;
    }

    /** Polls until ready, telling {@code progress} each state reached; fails (exit 1) at the timeout. */
    public void await(Hypervisor hv, Consumer<String> progress) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<Lease> waiting = new ArrayList<>(leases);
        List<String> reached = new ArrayList<>();
        while (true) {
            boolean running = hv.domain(guest).map(DomainStatus::active).orElse(false);
            if (!running) {
                throw MiniascapeException.failed("guest " + guest + " is not running (it stopped or was never"
                        + " started) while waiting for it to be ready" + reachedText(reached) + serialTail());
            }
            for (java.util.Iterator<Lease> it = waiting.iterator(); it.hasNext(); ) {
                Lease l = it.next();
                if (l.heldBy(leasesOf(l.network(), hv))) {
                    it.remove();
                    reached.add(l.toString());
                    progress.accept(l.toString() + " after " + elapsed(start));
                }
            }
            if (waiting.isEmpty() && (ssh.isEmpty() || banner.answers(ssh.get()))) {
                ssh.ifPresent(a -> reached.add(sshText(a)));
                progress.accept("ready in " + elapsed(start) + (sshNote.isEmpty() ? "" : "; " + sshNote));
                return;
            }
            if (System.nanoTime() >= deadline) {
                List<String> missing = new ArrayList<>();
                waiting.forEach(l -> missing.add(l.toString()));
                if (waiting.isEmpty()) {
                    ssh.ifPresent(a -> missing.add(sshText(a)));
                }
                throw MiniascapeException.failed("guest " + guest + " was not ready after " + format(timeout)
                        + reachedText(reached) + "; not reached: " + String.join(", ", missing)
                        + " (--timeout waits longer)" + serialTail());
            }
            sleep(poll);
        }
    }

    /** "ssh on 198.51.100.11:22", and " through kvm1" when a host's shell reads it. */
    private String sshText(InetSocketAddress a) {
        return "ssh on " + address(a) + (banner.through().isEmpty() ? "" : " through " + banner.through());
    }

    /** 198.51.100.11:22: the address itself, never a name looked up for it. */
    static String address(InetSocketAddress a) {
        return host(a) + ":" + a.getPort();
    }

    /** 198.51.100.11: the address's host part as given, never a name looked up for it. */
    static String host(InetSocketAddress a) {
        return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    }

    private static String reachedText(List<String> reached) {
        return "; reached: running" + (reached.isEmpty() ? "" : ", " + String.join(", ", reached));
    }

    /** True when the port accepts a connection and sends an SSH identification line. */
    static boolean answers(InetSocketAddress address) {
        return sshAnswers(address, 2000, 5000);
    }

    /**
     * True when the port accepts a connection within {@code connectMs} and sends the start of an SSH
     * identification line ({@code SSH-}) within {@code readMs}: what an SSH server does first (RFC 4253, 4.2).
     */
    public static boolean sshAnswers(InetSocketAddress address, int connectMs, int readMs) {
        try (Socket s = new Socket()) {
            s.connect(address, connectMs);
            s.setSoTimeout(readMs);
            InputStream in = s.getInputStream();
            byte[] head = new byte[4];
            int n = 0;
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    return false;
                }
                n += r;
            }
            return new String(head, StandardCharsets.US_ASCII).equals("SSH-");
        } catch (IOException e) {
            return false;
        }
    }

    /** The serial log's last lines when it can be read from here; else where it is on the libvirt host. */
    private String serialTail() {
        if (serialLog.isEmpty()) {
            return "";
        }
        Path p = Path.of(serialLog);
        if (!Files.isReadable(p)) {
            return "; its serial console is logged on the libvirt host in " + serialLog;
        }
        try {
            List<String> lines = Files.readAllLines(p, StandardCharsets.ISO_8859_1);
            List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
            StringBuilder sb = new StringBuilder("\n  last lines of " + serialLog + ":");
            tail.forEach(l -> sb.append("\n    ").append(l.replaceAll("\\p{Cntrl}", "")));
            return sb.toString();
        } catch (IOException e) {
            return "; its serial log " + serialLog + " could not be read: " + e.getMessage();
        }
    }

    static String elapsed(long startNanos) {
        return format(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** 2m13s, 45s, 1h02m. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MiniascapeException.failed("interrupted while waiting for guest to be ready");
        }
    }
}
