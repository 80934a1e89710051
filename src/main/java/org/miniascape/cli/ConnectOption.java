package org.miniascape.cli;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine.Option;

/** -c/--connect: the one rule for which libvirt a command talks to. */
public final class ConnectOption {
    /** The variable libvirt's own tools (virsh) read too. */
    static final String ENV = "LIBVIRT_DEFAULT_URI";
    static final String FALLBACK = "qemu:///system";

    @Option(names = {"-c", "--connect"}, paramLabel = "URI",
            description = "libvirt URI (default: $LIBVIRT_DEFAULT_URI, else qemu:///system).")
    String connect;

    private final Map<String, String> env;

    public ConnectOption() {
        this(System.getenv());
    }

    /** With the process environment given ({@link Main} passes it; tests pass their own). */
    ConnectOption(Map<String, String> env) {
        this.env = Objects.requireNonNull(env);
    }

    /** --connect, else $LIBVIRT_DEFAULT_URI, else qemu:///system. */
    public String uri() {
        return chosen().orElse(FALLBACK);
    }

    /**
     * The URI the user chose: --connect, else $LIBVIRT_DEFAULT_URI; empty when neither is set (blank counts as
     * not set). For commands to which libvirt is optional (repack of an XML file, unpack).
     */
    public Optional<String> chosen() {
        return chosen(connect, env);
    }

    static Optional<String> chosen(String connect, Map<String, String> env) {
        if (connect != null && !connect.isBlank()) {
            return Optional.of(connect);
        }
        String fromEnv = env.get(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? Optional.of(fromEnv) : Optional.empty();
    }
}
