package org.miniascape.model;

import java.util.Locale;

/** How a network reaches the outside; the values are libvirt's forward modes, plus isolated (no forward). */
public enum NetworkMode {
    NAT, ROUTE, ISOLATED, OPEN, BRIDGE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
