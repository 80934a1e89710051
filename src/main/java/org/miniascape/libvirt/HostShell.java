package org.miniascape.libvirt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/**
 * A shell on one host of a site over several hosts, for what libvirt has no API for (the VXLAN devices): a
 * command runs as the host's {@code shell} prefix followed by its words ({@code ssh root@kvm2 ip link …},
 * {@code ip netns exec kvm2 ip link …}, or the command itself for {@code local}). The words are plain (device
 * names, addresses, numbers): none needs quoting for the remote shell of ssh.
 */
public final class HostShell {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final List<String> prefix;
    private final Executor executor;

    public HostShell(String host, List<String> prefix, Executor executor) {
        this.host = host;
        this.prefix = List.copyOf(prefix);
        this.executor = executor;
    }

    public String host() {
        return host;
    }

    /** Runs {@code argv} on the host; the result as it is (a read: the caller judges the exit code). */
    public ExecResult run(List<String> argv) {
        return executor.run(command(argv));
    }

    /** Runs {@code argv} on the host; a non-zero exit is a failure (exit 1) naming the host and the command. */
    public ExecResult runChecked(List<String> argv) {
        ExecResult r = run(argv);
        if (!r.ok()) {
            throw MiniascapeException.failed("on host " + host + ": " + String.join(" ", argv) + " exited with "
                    + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
        }
        return r;
    }

    private Command command(List<String> argv) {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(argv);
        return Command.of(full).timeout(TIMEOUT);
    }

    /** Seconds a banner probe may take on the host, connect and read together ({@code timeout} kills it then). */
    static final int BANNER_SECONDS = 8;

    /**
     * True when {@code ip:port}, as seen from the host, accepts a connection and sends the start of an SSH
     * identification line ({@code SSH-}). One bash on the host, under {@code timeout}, with no process of its own:
     * it opens {@code /dev/tcp/IP/PORT} on descriptor 3 and reads four bytes with its builtin {@code read -t}; the
     * connection closes as bash exits. A host without bash or {@code timeout}, or a shell that fails, is "does not
     * answer" (readiness keeps waiting, and its timeout says what was not reached).
     */
    public boolean sshBanner(String ip, int port) {
        return sshBanner(ip, port, BANNER_SECONDS);
    }

    /** As {@link #sshBanner(String, int)}, within {@code seconds} (at least 2) for connect and read together. */
    public boolean sshBanner(String ip, int port, int seconds) {
        // ip: a dotted quad the site parsed; port: a number. Nothing in the script comes from elsewhere.
        if (!ip.matches("[0-9.]+") || seconds < 2) {
            throw new IllegalArgumentException("not an IPv4 address, or under 2 s: " + ip + ", " + seconds);
        }
        String script = "exec 3<>/dev/tcp/" + ip + "/" + port
                + " && IFS= read -r -t " + Math.min(5, seconds - 1) + " -n 4 banner <&3 && [ \"$banner\" = SSH- ]";
        List<String> argv = List.of("timeout", "-k", "2", Integer.toString(seconds), "bash", "-c", script);
        List<String> full = new ArrayList<>(prefix);
        if (overSsh()) {
            // ssh joins its words into one line for the remote shell: the script must stay one word there.
            full.add(String.join(" ", argv.stream().map(HostShell::quoted).toList()));
        } else {
            full.addAll(argv);
        }
        try {
            return executor.run(Command.of(full).timeout(Duration.ofSeconds(seconds + 15))).ok();
        } catch (MiniascapeException e) { // the shell itself did not finish in time, or could not be run
            return false;
        }
    }

    /** True when the prefix is an ssh command (the remote side parses the words as a shell line). */
    private boolean overSsh() {
        return !prefix.isEmpty() && java.nio.file.Path.of(prefix.get(0)).getFileName().toString().equals("ssh");
    }

    /** A word single-quoted for a POSIX shell. */
    static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** True for the shell {@code local}: commands run on this machine as they are. */
    public boolean here() {
        return prefix.isEmpty();
    }
}
