package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/**
 * What an install puts on a guest: packages, services to enable and disable, and a shell script run last; the
 * extra repositories the installer takes packages from, and the firewall's open ports besides ssh
 * ({@code PORT/tcp} or {@code PORT/udp}).
 */
public record Software(List<String> packages, List<String> servicesEnabled, List<String> servicesDisabled,
                       Optional<String> postScript, List<Repo> repos, List<String> firewallPorts) {

    /** Without extra repositories or open ports. */
    public Software(List<String> packages, List<String> servicesEnabled, List<String> servicesDisabled,
                    Optional<String> postScript) {
        this(packages, servicesEnabled, servicesDisabled, postScript, List.of(), List.of());
    }
}
