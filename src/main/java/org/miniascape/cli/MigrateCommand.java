package org.miniascape.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.miniascape.migrate.Migrate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Converts a miniascape 0.3 site directory into a site of this format. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Convert a miniascape 0.3 site directory into a new site and a report of every key.",
            "OLD is only read. Exit 0: the new site was written and validates; 2: OLD cannot be read or NEW_DIR is"
                + " not empty (nothing written), or the new site carries data errors of OLD (listed at OLD's"
                + " FILE:LINE:COLUMN)."})
public final class MigrateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD", description = "The 0.3 site directory (its top-level *.yml files).")
    Path old;

    @Option(names = {"-o", "--output"}, paramLabel = "NEW_DIR",
            description = "Where to write miniascape.yml and MIGRATION.md (default: OLD-migrated beside OLD); must"
                + " not exist or be empty.")
    Path target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Migrate.run(old, target != null ? target : Migrate.defaultTarget(old), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
