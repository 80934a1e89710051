package org.miniascape.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.Executor;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.xml.domain.SerialConsoleElements;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code console NAME}: {@code virsh -c URI console NAME} on this terminal, for a guest of the site, on the
 * libvirt that every command talks to ({@link ConnectOption}), or on a site over several hosts on the guest's
 * host (its {@code uri}). virsh reports a domain that is not defined or not running.
 */
@picocli.CommandLine.Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Attach this terminal to a guest's serial console (virsh console).",
            "Runs: virsh -c URI console NAME; leave the console with Ctrl+]. The exit code is virsh's.",
            "On a site over several hosts URI is the uri of the guest's host (-c is not used).",
            "The serial console is also logged on the libvirt host, appended across boots, to "
                + SerialConsoleElements.LOG_DIRECTORY + "/NAME-serial.log: what the guest printed before"
                + " anyone attached is there."})
public final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    HostSiteOptions site;
    @Mixin
    ConnectOption connection;

    @Parameters(index = "0", paramLabel = "NAME", description = "A guest of the site.")
    String name;

    @Option(names = "--print", description = "Print the virsh command line instead of running it.")
    boolean print;

    @Spec
    CommandSpec spec;

    private final Executor executor;

    public ConsoleCommand() {
        this(new Executor());
    }

    ConsoleCommand(Executor executor) {
        this.executor = Objects.requireNonNull(executor);
    }

    @Override
    public Integer call() {
        Site s = site.loadAcrossHosts();
        Guest guest = GuestSelection.guest(s, name);
        Command virsh = command(uri(s, guest), guest.name());
        PrintWriter out = spec.commandLine().getOut();
        if (print) {
            out.println(virsh.display());
            out.flush();
            return ExitCode.OK;
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return executor.attach(virsh);
    }

    /** The libvirt of the guest: -c's, or on a site over several hosts its host's {@code uri} (-c is not used). */
    private String uri(Site s, Guest guest) {
        if (!s.topology().multiHost()) {
            return connection.uri();
        }
        String host = s.topology().hostOf(guest.name()).orElseThrow(() -> MiniascapeException.badInput(
                "guest " + guest.name() + " of site " + s.name() + " is placed on no host"));
        return s.topology().host(host).orElseThrow().uri();
    }

    static Command command(String uri, String guest) {
        return Command.of("virsh", "-c", uri, "console", guest);
    }
}
