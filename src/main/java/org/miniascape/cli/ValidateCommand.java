package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Checks a site configuration and writes nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the site configuration; print every problem as FILE:LINE:COLUMN: error: MESSAGE.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    SiteOptions site;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Site s = site.load();
        long reservations = s.networks().stream().mapToLong(n -> n.reservations().size()).sum();
        spec.commandLine().getOut().printf("site %s is valid: %s, %s, %s%n", s.name(),
                count(s.networks().size(), "network"), count(s.guests().size(), "guest"),
                count(reservations, "DHCP reservation"));
        return ExitCode.OK;
    }

    /** "1 network", "2 networks". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
