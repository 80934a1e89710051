package org.miniascape.cli;

import java.util.ArrayList;
import java.util.List;
import org.miniascape.MiniascapeException;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** NAME... or --all: which of the site's networks a command works on. */
public final class NetworkSelection {

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "Networks of the site.")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Every network of the site.")
    boolean all;

    /** The selected networks in the site's order; an unknown name or no selection is exit 2. */
    public List<Network> select(Site site) {
        if (all == !names.isEmpty()) {
            throw MiniascapeException.badInput(all ? "give network names or --all, not both"
                    : "name at least one network, or use --all");
        }
        if (all) {
            return site.networks();
        }
        List<Network> out = new ArrayList<>();
        for (String n : new java.util.LinkedHashSet<>(names)) { // a name given twice is one object
            out.add(site.network(n).orElseThrow(() -> MiniascapeException.badInput("site " + site.name()
                    + " has no network '" + n + "' (it has: "
                    + String.join(", ", site.networks().stream().map(Network::name).toList()) + ")")));
        }
        return out;
    }
}
