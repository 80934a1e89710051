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
}
