package org.miniascape.validate;

import java.util.List;
import java.util.stream.Collectors;
import org.miniascape.MiniascapeException;

/** A configuration with problems: exit 2, each problem on a line of its own, nothing written. */
public final class ConfigException extends MiniascapeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(2, problems.stream().map(Problem::toString).collect(Collectors.joining("\n"))
                + "\nminiascape: " + problems.size() + (problems.size() == 1 ? " error" : " errors")
                + " in the configuration; nothing was written");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
