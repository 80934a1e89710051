package org.miniascape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;
import org.miniascape.validate.Problems;

/**
 * The reader's model holds what the files declare and nothing more (no null where they are silent); what only
 * resolution knows (a derived MAC, an allocated address, a generated bridge) is asked of a declared object in
 * vain, and is final in the resolved site.
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
    void whatTheFilesLeaveOutIsKnownOnlyOnceResolved() {
        Problems problems = new Problems();
        Site declared = SiteReader.read(YamlReader.read("site.yml", SITE, problems), problems);
        assertThat(problems.isEmpty()).as(problems.toString()).isTrue();
        Network lan = declared.network("lan").orElseThrow();
        assertThat(lan.declaredBridge()).isEmpty();
        assertThatThrownBy(lan::bridge).isInstanceOf(IllegalStateException.class).hasMessageContaining("'lan'");
        assertThat(declared.network("wan").orElseThrow().declaredBridge()).contains("br-wan");
        assertThatThrownBy(() -> lan.reservations().get(0).ip()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("printer");
        Nic first = declared.guests().get(0).nics().get(0);
        assertThat(first.declaredMac()).isEmpty();
        assertThat(first.declaredIp()).isEmpty();
        assertThatThrownBy(first::mac).isInstanceOf(IllegalStateException.class).hasMessageContaining("'lan'");
        assertThatThrownBy(first::ip).isInstanceOf(IllegalStateException.class);

        Site site = SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", SITE)));
        Network resolvedLan = site.network("lan").orElseThrow();
        assertThat(resolvedLan.bridge()).isNotBlank();
        assertThat(site.network("wan").orElseThrow().bridge()).isEqualTo("br-wan");
        assertThat(resolvedLan.reservations()).allSatisfy(r -> assertThat(resolvedLan.cidr().orElseThrow()
                .contains(r.ip())).isTrue());
        Guest web = site.guests().get(0);
        assertThat(web.nics().get(0).mac()).isNotNull();
        assertThat(web.nics().get(0).ip()).isPresent();
        assertThat(web.nics().get(0).declaredMac()).isEmpty(); // what was declared stays known
        assertThat(web.nics().get(1).mac().toString()).isEqualTo("52:54:00:00:00:07");
        assertThat(web.nics().get(1).ip().orElseThrow().toString()).isEqualTo("203.0.113.7");
    }
}
