package org.miniascape.cli;

import java.util.concurrent.Callable;
import org.miniascape.model.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks a site configuration and writes nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the site configuration; print every problem as FILE:LINE:COLUMN: error: MESSAGE.")
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    SiteOptions site;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one line, or the problems) or json (for scripts). Default: ${DEFAULT-VALUE}.")
    LibvirtOptions.Output output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean json = output == LibvirtOptions.Output.JSON;
        SiteFiles loaded = site.loadFiles();
        Site s = loaded.site();
        long reservations = s.networks().stream().mapToLong(n -> n.reservations().size()).sum();
        return PlanReport.print(spec, json, doc -> {
            if (json) {
                doc.put("site", s.name());
                doc.put("networks", s.networks().size());
                doc.put("guests", s.guests().size());
                doc.put("dhcp_reservations", reservations);
                doc.put("warnings", PlanReport.problems(loaded.warnings()));
            } else {
                spec.commandLine().getOut().printf("site %s is valid: %s, %s, %s%n", s.name(),
                        count(s.networks().size(), "network"), count(s.guests().size(), "guest"),
                        count(reservations, "DHCP reservation"));
            }
            return ExitCode.OK;
        });
    }

    /** "1 network", "2 networks". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
