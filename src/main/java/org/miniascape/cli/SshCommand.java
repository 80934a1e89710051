package org.miniascape.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.Executor;
import org.miniascape.libvirt.Reach;
import org.miniascape.model.Guest;
import org.miniascape.model.Host;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;
import org.miniascape.render.host.AccessFilesGenerator;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ssh NAME [-- CMD...]}: the system's ssh to a guest, as {@code host/ssh_config} describes it (the guest's
 * first reserved address, user root: the site's keys are root's; new host keys accepted, changed ones refused),
 * its host keys kept in a known_hosts file of the site's own under the user's cache, apart from
 * {@code ~/.ssh/known_hosts}. Reads the site only: nothing asks libvirt. On a site over several hosts, ssh goes
 * through the host that reaches the address (the network's home, see {@link Reach}) by a ProxyCommand of its
 * shell ({@link #proxyCommand}).
 */
@picocli.CommandLine.Command(name = "ssh", mixinStandardHelpOptions = true,
        description = {"Log into a guest with ssh, at its first reserved address.",
            "Runs: ssh -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=FILE root@ADDRESS [-- CMD...],"
                + " on this terminal; the exit code is ssh's (255: ssh itself failed).",
            "ADDRESS is that of the guest's first interface with a reserved address; user root, whose"
                + " authorized keys the site's ssh_authorized_keys are; your ssh agent or ~/.ssh keys log in.",
            "FILE is " + SshCommand.KNOWN_HOSTS_HELP + ": the lab's host keys, apart from your own known_hosts."
                + " A reinstalled guest has a new host key, which ssh refuses: forget the old one with"
                + " ssh-keygen -f FILE -R ADDRESS.",
            "On a site over several hosts: through the host that reaches the address (its network's home), with"
                + " -o ProxyCommand=... of that host's shell: ssh HOST -W %%h:%%p, or the shell's command prefix"
                + " running a bash relay; none when that shell is local.",
            "The same settings are in host/ssh_config of the build output (ssh -F host/ssh_config NAME)."})
public final class SshCommand implements Callable<Integer> {
    static final String KNOWN_HOSTS_HELP = "$XDG_CACHE_HOME/miniascape/SITE/known_hosts (default ~/.cache/...)";

    @Mixin
    HostSiteOptions site;

    @Parameters(index = "0", paramLabel = "NAME", description = "A guest of the site.")
    String name;

    @Parameters(index = "1..*", paramLabel = "CMD", description = "A command to run on the guest instead of a"
            + " login shell, after --: ssh passes it to the guest's shell.")
    List<String> command = new ArrayList<>();

    @Option(names = "--print", description = "Print the ssh command line instead of running it.")
    boolean print;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Executor executor;

    public SshCommand() {
        this(System.getenv());
    }

    /** With the process environment given ({@link Main} passes it; tests pass their own). */
    SshCommand(Map<String, String> env) {
        this(env, new Executor());
    }

    SshCommand(Map<String, String> env, Executor executor) {
        this.env = Objects.requireNonNull(env);
        this.executor = Objects.requireNonNull(executor);
    }

    @Override
    public Integer call() {
        Site s = site.loadAcrossHosts();
        Guest guest = GuestSelection.guest(s, name);
        Ipv4 address = AccessFilesGenerator.firstAddress(guest).orElseThrow(() -> MiniascapeException.badInput(
                "guest " + guest.name() + " has no reserved address to ssh to (" + (guest.nics().isEmpty()
                        ? "it has no interface" : "none of its interfaces is on a network with a subnet")
                        + "); reach it with 'miniascape console " + guest.name() + "'"));
        Path knownHosts = knownHosts(env, s.name());
        Optional<String> proxy = Optional.empty();
        if (s.topology().multiHost()) {
            // Through the host that reaches the address (the network's home), unless that is this machine.
            Nic nic = guest.nics().stream().filter(n -> n.ip().equals(Optional.of(address))).findFirst().orElseThrow();
            proxy = Reach.hostReaching(s, guest, nic, executor).flatMap(h -> proxyCommand(h.shell()));
        }
        Command ssh = command(address, knownHosts, proxy, command);
        PrintWriter out = spec.commandLine().getOut();
        if (print) {
            out.println(ssh.display());
            out.flush();
            return ExitCode.OK;
        }
        createPrivate(knownHosts.getParent());
        out.flush();
        spec.commandLine().getErr().flush();
        return executor.attach(ssh);
    }

    /**
     * The relay that a command-prefix shell runs on its host for ssh's ProxyCommand: bash connects to
     * {@code %h:%p} (ssh's tokens) on descriptor 3, one {@code cat} copies the guest's bytes to ssh, another
     * ssh's bytes to the guest (its stdin named: a background job's would be /dev/null), and bash waits for
     * either to end; on its way out (that end, ssh's SIGHUP, or a signal) it kills both, so neither half is left
     * running on the host.
     */
    static final String RELAY = "r= w=; trap \"kill \\$r \\$w 2>/dev/null\" EXIT; trap exit HUP INT TERM;"
            + " exec 3<>/dev/tcp/%h/%p || exit 1; cat <&3 & r=$!; cat <&0 >&3 & w=$!; wait -n";

    /**
     * The ProxyCommand through a host's shell: {@code ssh [-p PORT] [USER@]HOST -W %h:%p} for {@code ssh}, the
     * prefix and bash's {@link #RELAY} for a command prefix ({@code ip netns exec NS}); none for {@code local}.
     * The prefix's words need no quoting (the site allows no others).
     */
    static Optional<String> proxyCommand(Host.Shell shell) {
        return switch (shell.kind()) {
            case LOCAL -> Optional.empty();
            case SSH -> Optional.of(String.join(" ", shell.prefix()) + " -W %h:%p");
            case COMMAND -> Optional.of(String.join(" ", shell.prefix()) + " bash -c '" + RELAY + "'");
        };
    }

    /** The ssh command line: the guest's address as root, the site's host-key options, then -- CMD. */
    static Command command(Ipv4 address, Path knownHosts, List<String> remote) {
        return command(address, knownHosts, Optional.empty(), remote);
    }

    /** As above, through {@code proxy} (ssh's ProxyCommand) when there is one. */
    static Command command(Ipv4 address, Path knownHosts, Optional<String> proxy, List<String> remote) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-o", "StrictHostKeyChecking=accept-new",
                "-o", "UserKnownHostsFile=" + knownHosts));
        proxy.ifPresent(p -> argv.addAll(List.of("-o", "ProxyCommand=" + p)));
        argv.add("root@" + address);
        if (!remote.isEmpty()) {
            // After the destination ssh would still read options ("ssh host -v"): "--" ends them.
            argv.add("--");
            argv.addAll(remote);
        }
        return Command.of(argv);
    }

    /**
     * The site's known_hosts: {@code $XDG_CACHE_HOME/miniascape/SITE/known_hosts}, {@code $XDG_CACHE_HOME}
     * defaulting to {@code $HOME/.cache} (an unset or relative XDG_CACHE_HOME is ignored, as the XDG base
     * directory specification says). No HOME is exit 2.
     */
    static Path knownHosts(Map<String, String> env, String siteName) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path cache;
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            cache = Path.of(xdg);
        } else {
            String home = env.get("HOME");
            if (home == null || home.isBlank()) {
                throw MiniascapeException.badInput("neither $XDG_CACHE_HOME nor $HOME is set: there is no cache"
                        + " directory for the lab's known_hosts; set HOME, or use ssh -F host/ssh_config NAME in the"
                        + " build output");
            }
            cache = Path.of(home, ".cache");
        }
        return cache.resolve("miniascape").resolve(siteName).resolve("known_hosts");
    }

    /** Creates the directory (and its parents) readable by the user alone, where missing. */
    private static void createPrivate(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot create " + dir + " for the lab's known_hosts: " + e.getMessage(),
                    e);
        }
    }
}
