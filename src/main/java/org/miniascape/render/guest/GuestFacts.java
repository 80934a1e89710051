package org.miniascape.render.guest;

import org.miniascape.model.Guest;
import org.miniascape.model.Site;

/** Small derived facts about a guest that several outputs share. */
final class GuestFacts {
    private GuestFacts() {
    }

    /** The DNS domain of the guest's first network, else the site's. */
    static String domain(Guest guest, Site site) {
        if (!guest.nics().isEmpty()) {
            String d = site.network(guest.nics().get(0).network()).map(n -> n.domain()).orElse("");
            if (d != null && !d.isEmpty()) {
                return d;
            }
        }
        return site.domain() == null ? "" : site.domain();
    }

    static String fqdn(Guest guest, Site site) {
        String domain = domain(guest, site);
        return domain.isEmpty() ? guest.name() : guest.name() + "." + domain;
    }
}
