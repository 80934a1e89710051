package org.miniascape.validate;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.miniascape.MiniascapeException;

/**
 * A configuration with errors: exit 2, each problem on a line of its own (the warnings found so far among them,
 * in file order), nothing written.
 */
public final class ConfigException extends MiniascapeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;
    private final transient List<Problem> warnings;

    public ConfigException(List<Problem> problems) {
        this(problems, List.of());
    }

    public ConfigException(List<Problem> problems, List<Problem> warnings) {
        super(2, lines(problems, warnings) + "\nminiascape: " + problems.size()
                + (problems.size() == 1 ? " error" : " errors") + " in the configuration; nothing was written");
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    private static String lines(List<Problem> problems, List<Problem> warnings) {
        TreeSet<Problem> all = new TreeSet<>(problems);
        all.addAll(warnings);
        return all.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    /** The errors (not the warnings). */
    public List<Problem> problems() {
        return problems;
    }

    /** The warnings found before the errors stopped the validation. */
    public List<Problem> warnings() {
        return warnings;
    }
}
