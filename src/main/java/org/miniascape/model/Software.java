package org.miniascape.model;

import java.util.List;
import java.util.Optional;

/**
 * What an install puts on a guest: packages, services to enable and disable, and a shell script run last; the
 * extra repositories the installer takes packages from; the firewall's open ports ({@code PORT/tcp} or
 * {@code PORT/udp}) and services (firewalld's names: http, https ...) besides ssh; the SELinux mode and kdump
 * (empty: the installer's default).
 */
public record Software(List<String> packages, List<String> servicesEnabled, List<String> servicesDisabled,
                       Optional<String> postScript, List<Repo> repos, List<String> firewallPorts,
                       List<String> firewallServices, SeLinux selinux, Optional<Kdump> kdump) {

    /** SELinux's mode after the install (kickstart's {@code selinux --enforcing} ...). */
    public enum SeLinux {
        ENFORCING, PERMISSIVE, DISABLED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Without extra repositories, firewall openings, SELinux mode (enforcing) or kdump settings. */
    public Software(List<String> packages, List<String> servicesEnabled, List<String> servicesDisabled,
                    Optional<String> postScript) {
        this(packages, servicesEnabled, servicesDisabled, postScript, List.of(), List.of(), List.of(),
                SeLinux.ENFORCING, Optional.empty());
    }
}
