package org.miniascape.cli;

import java.util.ArrayList;
import java.util.List;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.validate.Suggestions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** NAME... or --all: which of the site's guests a command works on. */
public final class GuestSelection {

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Guests of the site.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Every guest of the site.")
    boolean all;

    public List<Guest> select(Site site) {
        if (all == !names.isEmpty()) {
            throw MiniascapeException.badInput(all ? "give guest names or --all, not both"
                    : "name at least one guest, or use --all");
        }
        if (all) {
            return site.guests();
        }
        List<Guest> out = new ArrayList<>();
        for (String n : new java.util.LinkedHashSet<>(names)) { // a name given twice is one object
            out.add(guest(site, n));
        }
        return out;
    }

    /** The site's guest of that name; none is exit 2, with the closest name when one is near. */
    public static Guest guest(Site site, String name) {
        return site.guest(name).orElseThrow(() -> MiniascapeException.badInput("site " + site.name()
                + " has no guest '" + name + "'" + Suggestions.didYouMean(name,
                        site.guests().stream().map(Guest::name).toList())));
    }
}
