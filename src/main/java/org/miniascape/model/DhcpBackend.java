package org.miniascape.model;

import java.util.Locale;

/**
 * Who serves DHCP and DNS for a network: libvirt's own dnsmasq (the default), or a standalone dnsmasq started
 * from the generated configuration, libvirt's DHCP then left off (what miniascape 0.3 did).
 */
public enum DhcpBackend {
    LIBVIRT, DNSMASQ;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
