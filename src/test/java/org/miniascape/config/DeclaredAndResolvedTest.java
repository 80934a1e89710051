package org.miniascape.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miniascape.model.Guest;
import org.miniascape.model.Ipv4;
import org.miniascape.model.MacAddress;
import org.miniascape.model.Network;
import org.miniascape.model.Reservation;
import org.miniascape.model.Site;
import org.miniascape.model.declared.DeclaredGuest;
import org.miniascape.model.declared.DeclaredNetwork;
import org.miniascape.model.declared.DeclaredNic;
import org.miniascape.model.declared.DeclaredSite;
import org.miniascape.validate.Problems;

/**
 * The reader's declared site holds what the files say and nothing more: where they are silent (a MAC, an address,
 * a bridge, the guests' reservations) it is empty, with no place for a value. The resolved site has every one of
 * them final: the declared value where there is one, else the derived, allocated or generated one.
 */
class DeclaredAndResolvedTest {
    static final String SITE = """
            site: lab
            domain: lab.test
            networks:
              - {name: lan, mode: nat, cidr: 198.51.100.0/24,
                 dhcp: {static: {start: 198.51.100.10, end: 198.51.100.50}},
                 hosts: [{name: printer, mac: "52:54:00:00:00:99"}]}
              - {name: wan, mode: nat, bridge: br-wan, cidr: 203.0.113.0/24}
            guests:
              - {name: web, interfaces: [{network: lan}, {network: wan, mac: "52:54:00:00:00:07", ip: 203.0.113.7}]}
            """;

    @Test
    void theDeclaredSiteHoldsOnlyWhatTheFilesSay() {
        Problems problems = new Problems();
        DeclaredSite declared = SiteReader.read(YamlReader.read("site.yml", SITE, problems), problems);
        assertThat(problems.isEmpty()).as(problems.toString()).isTrue();
        DeclaredNetwork lan = declared.network("lan").orElseThrow();
        assertThat(lan.bridge()).isEmpty();
        assertThat(declared.network("wan").orElseThrow().bridge()).contains("br-wan");
        assertThat(lan.hosts()).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("printer");
            assertThat(h.ip()).isEmpty();
        });
        DeclaredGuest web = declared.guests().get(0);
        DeclaredNic first = web.nics().get(0);
        assertThat(first.mac()).isEmpty();
        assertThat(first.ip()).isEmpty();
        DeclaredNic second = web.nics().get(1);
        assertThat(second.mac()).contains(MacAddress.parse("52:54:00:00:00:07"));
        assertThat(second.ip()).contains(Ipv4.parse("203.0.113.7"));
    }

    @Test
    void theResolvedSiteHasEveryValueFinal() {
        Site site = SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", SITE)));
        Network lan = site.network("lan").orElseThrow();
        assertThat(lan.bridge()).isEqualTo("mia-lan");
        assertThat(site.network("wan").orElseThrow().bridge()).isEqualTo("br-wan");
        Guest web = site.guests().get(0);
        Ipv4 webOnLan = web.nics().get(0).ip().orElseThrow();
        // The host first (network order), then the guests: both from the static pool, lowest free address first.
        assertThat(lan.reservations()).extracting(Reservation::name, Reservation::ip).containsExactly(
                org.assertj.core.groups.Tuple.tuple("printer", Ipv4.parse("198.51.100.10")),
                org.assertj.core.groups.Tuple.tuple("web", webOnLan));
        assertThat(webOnLan).isEqualTo(Ipv4.parse("198.51.100.11"));
        assertThat(lan.reservations().get(1).mac()).isEqualTo(web.nics().get(0).mac());
        assertThat(lan.reservations().get(1).dns()).isEqualTo(Optional.of("web"));
        assertThat(web.nics().get(1).mac()).isEqualTo(MacAddress.parse("52:54:00:00:00:07"));
        assertThat(web.nics().get(1).ip()).contains(Ipv4.parse("203.0.113.7"));
        assertThat(site.network("wan").orElseThrow().reservations()).extracting(Reservation::ip)
                .containsExactly(Ipv4.parse("203.0.113.7"));
    }
}
