package org.miniascape.libvirt;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.miniascape.exec.Executor;
import org.miniascape.model.Guest;
import org.miniascape.model.Host;
import org.miniascape.model.Ipv4;
import org.miniascape.model.Network;
import org.miniascape.model.NetworkMode;
import org.miniascape.model.NetworkSpan;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;

/**
 * From which host of a site over several hosts a guest's address can be reached (readiness reads its SSH banner
 * there; {@code miniascape ssh} goes through it): a network libvirt gives an address (every mode but bridge) has
 * its gateway on its home's bridge, so its home (the guest's own host when it is the home); on a bridge network,
 * the guest's host when one of that host's addresses is on the NIC's subnet; else none.
 */
public final class Reach {
    private Reach() {
    }

    /** The host's name; {@code guestHostAddresses} is asked only for a bridge network. */
    public static Optional<String> hostReaching(Site site, Nic nic, String guestHost,
                                                Supplier<List<HostProbe.Address>> guestHostAddresses) {
        Optional<Network> net = site.network(nic.network());
        if (net.isEmpty() || nic.ip().isEmpty()) {
            return Optional.empty();
        }
        Ipv4 ip = nic.ip().get();
        if (net.get().mode() != NetworkMode.BRIDGE) {
            if (net.get().cidr().filter(c -> c.contains(ip)).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(site.topology().network(nic.network()).map(NetworkSpan::home).orElse(guestHost));
        }
        return guestHostAddresses.get().stream().anyMatch(a -> a.reaches(ip)) ? Optional.of(guestHost)
                : Optional.empty();
    }

    /**
     * The host that reaches {@code nic} of {@code guest} (placed on a host of the site), the guest's host's
     * addresses read through its shell ({@code ip -o -4 addr}) when the network is a bridge.
     */
    public static Optional<Host> hostReaching(Site site, Guest guest, Nic nic, Executor executor) {
        Optional<Host> own = site.topology().hostOf(guest.name()).flatMap(site.topology()::host);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        LocalHostProbe probe = new LocalHostProbe(own.get().shell().prefix(), executor);
        return hostReaching(site, nic, own.get().name(), probe::addresses).flatMap(site.topology()::host);
    }
}
