package org.miniascape.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Guest;
import org.miniascape.model.Host;
import org.miniascape.model.Nic;
import org.miniascape.model.NetworkSpan;
import org.miniascape.model.Site;

/**
 * Properties of placing guests on the hosts of generated sites: deterministic, every guest on a declared host,
 * named hosts kept, declared capacity never exceeded (and a refusal only naming guests that do not fit), spans,
 * VNIs and MTUs as documented.
 */
class PlacementProperties {

    /** A generated site: hosts with or without capacity, guests with sizes, some naming a host. */
    record Spec(String placement, List<int[]> hosts, List<int[]> guests, int networks) {
        /** hosts: {memory or 0, vcpus or 0}; guests: {memory, vcpus, named host index or -1, network}. */
        String yaml() {
            StringBuilder y = new StringBuilder("site: p\nplacement: " + placement + "\nhosts:\n");
            for (int i = 0; i < hosts.size(); i++) {
                int[] h = hosts.get(i);
                y.append("  - {name: h").append(i).append(", uri: \"qemu+ssh://root@h").append(i)
                        .append("/system\", underlay: 192.0.2.").append(i + 1);
                if (h[0] > 0) {
                    y.append(", memory: ").append(h[0]);
                }
                if (h[1] > 0) {
                    y.append(", vcpus: ").append(h[1]);
                }
                y.append("}\n");
            }
            y.append("networks:\n");
            for (int n = 0; n < networks; n++) {
                y.append("  - {name: n").append(n).append(", cidr: 198.51.").append(100 + n)
                        .append(".0/24, dhcp: {static: {start: 198.51.").append(100 + n).append(".10, end: 198.51.")
                        .append(100 + n).append(".250}}}\n");
            }
            y.append("guests:\n");
            for (int g = 0; g < guests.size(); g++) {
                int[] s = guests.get(g);
                y.append("  - {name: g").append(g).append(", memory: ").append(s[0]).append(", vcpus: ").append(s[1]);
                if (s[2] >= 0) {
                    y.append(", host: h").append(s[2]);
                }
                y.append(", interfaces: [{network: n").append(s[3] % networks).append("}]}\n");
            }
            return y.toString();
        }
    }

    @Provide
    Arbitrary<Spec> sites() {
        Arbitrary<int[]> host = Combinators.combine(Arbitraries.of(0, 2048, 4096, 8192, 16384),
                Arbitraries.of(0, 2, 4, 16)).as((m, v) -> new int[] {m, v});
        return Combinators.combine(Arbitraries.of("spread", "pack"), host.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(1, 3)).flatAs((placement, hosts, networks) -> {
                    Arbitrary<int[]> guest = Combinators.combine(Arbitraries.of(512, 1024, 2048, 4096),
                            Arbitraries.integers().between(1, 4),
                            Arbitraries.integers().between(-4, hosts.size() - 1).map(i -> Math.max(i, -1)),
                            Arbitraries.integers().between(0, 2)).as((m, v, h, n) -> new int[] {m, v, h, n});
                    return guest.list().ofMinSize(1).ofMaxSize(30)
                            .map(guests -> new Spec(placement, hosts, guests, networks));
                });
    }

    static Site load(Spec spec) {
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("gen.yml", spec.yaml())));
    }

    @Property(tries = 300)
    void everyGuestIsPlacedDeterministicallyWithinDeclaredCapacity(@ForAll("sites") Spec spec) {
        Site site;
        try {
            site = load(spec);
        } catch (ConfigException e) {
            // Refused only for guests that do not fit, and only where some host declares a capacity.
            assertThat(spec.hosts()).anyMatch(h -> h[0] > 0 || h[1] > 0);
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.message())
                    .containsAnyOf("fits on no host", "does not fit on host", "more than host"));
            return;
        }
        assertThat(load(spec).topology()).as("the same input, the same placement").isEqualTo(site.topology());
        Map<String, long[]> used = new HashMap<>();
        for (Guest g : site.guests()) {
            String host = site.topology().hostOf(g.name()).orElseThrow(() -> new AssertionError(g.name() + " unplaced"));
            Host h = site.topology().host(host).orElseThrow();
            int[] declared = spec.guests().get(Integer.parseInt(g.name().substring(1)));
            if (declared[2] >= 0) {
                assertThat(host).as("the host %s names", g.name()).isEqualTo("h" + declared[2]);
            }
            long[] u = used.computeIfAbsent(h.name(), k -> new long[2]);
            u[0] += g.hardware().memoryMib();
            u[1] += g.hardware().vcpus();
            h.memoryMib().ifPresent(m -> assertThat(u[0]).as("memory on %s", h.name()).isLessThanOrEqualTo(m));
            h.vcpus().ifPresent(v -> assertThat(u[1]).as("vCPUs on %s", h.name()).isLessThanOrEqualTo(v));
        }
        Set<Integer> vnis = new HashSet<>();
        for (NetworkSpan span : site.topology().networks()) {
            Set<String> expected = new HashSet<>(List.of(span.home()));
            site.guests().stream().filter(g -> g.nics().stream().map(Nic::network).anyMatch(span.network()::equals))
                    .forEach(g -> expected.add(site.topology().hostOf(g.name()).orElseThrow()));
            assertThat(span.hosts()).as("span of %s", span.network()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(span.home()).isEqualTo("h0"); // the documented default: the first host
            int vni = span.vni().orElseThrow();
            assertThat(vni).isBetween(1, NetworkSpan.MAX_VNI);
            assertThat(vnis.add(vni)).as("VNI %s unique", vni).isTrue();
            assertThat(span.nicMtu()).isEqualTo(span.hosts().size() > 1 ? java.util.Optional.of(1450)
                    : java.util.Optional.empty());
        }
    }

    /** Without capacity or named hosts, spread keeps the hosts within one guest of each other; pack fills h0. */
    @Property(tries = 200)
    void spreadBalancesAndPackFillsTheFirstHostWithoutCapacity(@ForAll("sites") Spec generated) {
        List<int[]> hosts = generated.hosts().stream().map(h -> new int[] {0, 0}).toList();
        List<int[]> guests = generated.guests().stream().map(g -> new int[] {g[0], g[1], -1, g[3]}).toList();
        Spec spec = new Spec(generated.placement(), hosts, guests, generated.networks());
        Site site = load(spec);
        Map<String, Long> memory = new HashMap<>();
        site.topology().hosts().forEach(h -> memory.put(h.name(), 0L));
        site.guests().forEach(g -> memory.merge(site.topology().hostOf(g.name()).orElseThrow(),
                (long) g.hardware().memoryMib(), Long::sum));
        if (spec.placement().equals("pack")) {
            assertThat(site.guests()).allSatisfy(g -> assertThat(site.topology().hostOf(g.name())).contains("h0"));
        } else {
            long largest = site.guests().stream().mapToLong(g -> g.hardware().memoryMib()).max().orElse(0);
            long spreadOf = memory.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                    - memory.values().stream().mapToLong(Long::longValue).min().orElseThrow();
            assertThat(spreadOf).as("memory per host %s", memory).isLessThanOrEqualTo(largest);
        }
    }
}
