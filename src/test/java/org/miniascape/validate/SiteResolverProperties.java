package org.miniascape.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.AddressRange;
import org.miniascape.model.Guest;
import org.miniascape.model.Ipv4;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;

/** Properties of address resolution over generated sites of any size that fits their pools. */
class SiteResolverProperties {

    static Site site(String name, int guests, int networks, int explicitEvery) {
        StringBuilder y = new StringBuilder("site: " + name + "\nnetworks:\n");
        for (int n = 0; n < networks; n++) {
            y.append("  - {name: n").append(n).append(", cidr: 10.0.").append(n)
                    .append(".0/24, dhcp: {static: {start: 10.0.").append(n).append(".10, end: 10.0.").append(n)
                    .append(".250}}}\n");
        }
        y.append("guests:\n");
        for (int g = 0; g < guests; g++) {
            int net = g % networks;
            y.append("  - {name: g").append(g).append(", interfaces: [{network: n").append(net);
            if (explicitEvery > 0 && g % explicitEvery == 0) {
                // explicit addresses at the top of the pool, where allocation would reach them last
                y.append(", ip: 10.0.").append(net).append(".").append(250 - g / networks);
            }
            y.append("}]}\n");
        }
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("gen.yml", y.toString())));
    }

    @Property(tries = 40)
    void macsAndAddressesAreUniqueAndInsideTheirPools(@ForAll @IntRange(min = 1, max = 241) int guests,
                                                      @ForAll @IntRange(min = 1, max = 4) int networks,
                                                      @ForAll @IntRange(min = 0, max = 7) int explicitEvery) {
        Site site = site("p", guests, networks, explicitEvery);
        Set<MacAddress> macs = new HashSet<>();
        Set<Ipv4> ips = new HashSet<>();
        for (Guest g : site.guests()) {
            for (Nic nic : g.nics()) {
                Ipv4 ip = nic.ip().orElseThrow();
                assertThat(macs.add(nic.mac())).as("MAC %s unique", nic.mac()).isTrue();
                assertThat(ips.add(ip)).as("IP %s unique", ip).isTrue();
                assertThat(nic.mac().toString()).startsWith("52:54:00:");
                Network n = site.network(nic.network()).orElseThrow();
                AddressRange pool = n.dhcp().orElseThrow().staticPool().orElseThrow();
                assertThat(pool.contains(ip)).as("%s in %s", ip, pool).isTrue();
            }
        }
        int reservations = site.networks().stream().mapToInt(n -> n.reservations().size()).sum();
        assertThat(reservations).isEqualTo(guests);
    }

    @Property(tries = 20)
    void theSameConfigurationAlwaysResolvesTheSame(@ForAll @IntRange(min = 1, max = 200) int guests,
                                                   @ForAll @IntRange(min = 1, max = 3) int networks) {
        assertThat(site("d", guests, networks, 3)).isEqualTo(site("d", guests, networks, 3));
    }

    @Property(tries = 20)
    void addingAGuestAtTheEndChangesNobodyElse(@ForAll @IntRange(min = 1, max = 200) int guests) {
        Site before = site("s", guests, 2, 0);
        Site after = site("s", guests + 1, 2, 0);
        for (Guest g : before.guests()) {
            assertThat(after.guest(g.name()).orElseThrow().nics()).isEqualTo(g.nics());
        }
    }
}
