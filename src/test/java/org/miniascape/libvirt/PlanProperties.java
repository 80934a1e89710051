package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Guest;
import org.miniascape.model.Network;
import org.miniascape.model.Site;
import org.miniascape.testing.TestDriver;

/**
 * For random small sites and random host states made of the site's own objects — any part of it brought up
 * (by executing plans of an older version of the site: other reservations, network modes, guest memory), then
 * networks, pools and domains stopped, domains changed by hand — {@code up} with {@code --force} refuses
 * nothing, and after it a new plan has nothing to do; {@code down} then removes every object of the site, and
 * a new {@code down} has nothing to do. One fresh test-driver host per try.
 */
class PlanProperties {
    static final List<String> MODES = List.of("nat", "isolated", "route");
    static final String POOL = "pp-pool";

    /** A network of the site, and how the host has it: absent, or made by the old site, maybe stopped. */
    record Net(String mode, int reservations, boolean dns, boolean autostart, NetHost host) {
        Net(String mode, int reservations, boolean dns, boolean present, boolean oldReservations, boolean oldMode,
            boolean stopped) {
            this(mode, reservations, dns, true, new NetHost(present, oldReservations, oldMode, stopped, false, false));
        }

        boolean present() {
            return host.present();
        }
    }

    /**
     * How the host has a network: absent, or made by the old site (other reservations, the next mode, the other
     * autostart), maybe stopped, maybe changed by hand (an extra DHCP host, with virsh net-edit).
     */
    record NetHost(boolean present, boolean oldReservations, boolean oldMode, boolean stopped, boolean oldAutostart,
                   boolean byHand) {
    }

    /** What the host holds of a guest (its volumes created by 'storage', its domain by 'guest define' …). */
    enum GuestState { ABSENT, VOLUMES, DOMAIN, DEFINED, RUNNING }

    /** A guest of the site: on network {@code net}, maybe imported with a base image; its state in the host. */
    record Gst(int net, boolean withBase, int memory, GuestState state, boolean oldMemory, boolean byHand) {
    }

    /** A site and a host state. {@code poolStopped} is ignored when a base image must be readable. */
    record Case(List<Net> nets, List<Gst> guests, boolean poolPresent, boolean poolStopped) {
        boolean hasBase() {
            return guests.stream().anyMatch(Gst::withBase);
        }

        boolean needsPool() {
            return hasBase() || guests.stream().anyMatch(g -> g.state() != GuestState.ABSENT);
        }
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Case> cases() {
        return cases(Arbitraries.of(GuestState.values()));
    }

    /** The same, without guests whose volumes were created alone (see the example below). */
    @Provide
    Arbitrary<Case> casesWithoutLoneVolumes() {
        return cases(Arbitraries.of(GuestState.ABSENT, GuestState.DOMAIN, GuestState.DEFINED, GuestState.RUNNING));
    }

    Arbitrary<Case> cases(Arbitrary<GuestState> states) {
        Arbitrary<Boolean> sometimes = Arbitraries.integers().between(0, 3).map(i -> i == 0);
        Arbitrary<NetHost> host = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                sometimes, sometimes, sometimes, sometimes).as(NetHost::new);
        Arbitrary<Net> net = Combinators.combine(Arbitraries.of(MODES), Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, false), Arbitraries.of(true, false), host).as(Net::new);
        Arbitrary<Gst> guest = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                Arbitraries.of(64, 128), states, Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 3).map(i -> i == 0)).as(Gst::new);
        return Combinators.combine(net.list().ofMinSize(1).ofMaxSize(3), guest.list().ofMaxSize(3),
                        Arbitraries.of(true, false), Arbitraries.integers().between(0, 3).map(i -> i == 0))
                .as((ns, gs, p, ps) -> new Case(ns, gs.stream().map(g -> new Gst(g.net() % ns.size(), g.withBase(),
                        g.memory(), g.state(), g.oldMemory(), g.byHand())).toList(), p, ps));
    }

    /** The site as YAML: {@code old} is the version of it the host was brought up with. */
    static String yaml(Case c, Path dir, boolean old) {
        StringBuilder y = new StringBuilder("site: pp\ndomain: pp.test\nnetworks:\n");
        // Subnets: 198.51.100.0/24 and 203.0.113.0/24, the first one halved when there are three networks.
        List<int[]> nets = c.nets().size() == 3
                ? List.of(new int[] {51, 100, 0, 25}, new int[] {51, 100, 128, 25}, new int[] {0, 113, 0, 24})
                : List.of(new int[] {51, 100, 0, 24}, new int[] {0, 113, 0, 24});
        for (int i = 0; i < c.nets().size(); i++) {
            Net n = c.nets().get(i);
            int[] s = nets.get(i);
            String prefix = (s[0] == 51 ? "198.51." : "203.0.") + s[1] + ".";
            int base = s[2];
            boolean half = s[3] == 25;
            String mode = old && n.host().oldMode() ? MODES.get((MODES.indexOf(n.mode()) + 1) % MODES.size()) : n.mode();
            boolean oldHosts = old && n.host().oldReservations();
            y.append("  - name: pp-n").append(i).append("\n    mode: ").append(mode)
                    .append("\n    bridge: pp-n").append(i).append("br")
                    .append("\n    autostart: ").append(old && n.host().oldAutostart() ? !n.autostart() : n.autostart())
                    .append("\n    cidr: ").append(prefix).append(base).append("/").append(s[3])
                    .append("\n    dhcp:\n      start: ").append(prefix).append(base + (half ? 100 : 200))
                    .append("\n      end: ").append(prefix).append(base + (half ? 120 : 250))
                    .append("\n      static: {start: ").append(prefix).append(base + 10).append(", end: ")
                    .append(prefix).append(base + (half ? 90 : 190)).append("}\n");
            if (n.dns()) {
                y.append("    dns:\n      hosts:\n        - {ip: ").append(prefix).append(base + (oldHosts ? 6 : 5))
                        .append(", names: [").append(oldHosts ? "olddb" : "db").append("]}\n");
            }
            int reservations = oldHosts ? Math.max(0, n.reservations() - 1) : n.reservations();
            if (reservations > 0) {
                y.append("    hosts:\n");
            }
            for (int k = 0; k < reservations; k++) {
                y.append("      - {name: ").append(oldHosts ? "old" : "r").append(i).append(k)
                        .append(", mac: \"52:54:00:cc:0").append(i).append(":1").append(k).append("\", ip: ")
                        .append(prefix).append(base + 80 + k + (oldHosts ? 5 : 0)).append("}\n");
            }
        }
        y.append("storage_pools:\n  - {name: ").append(POOL).append(", type: dir, path: \"").append(dir.resolve("pool"))
                .append("\"}\n");
        if (!c.guests().isEmpty()) {
            y.append("guests:\n");
        }
        for (int i = 0; i < c.guests().size(); i++) {
            Gst g = c.guests().get(i);
            y.append("  - name: pp-g").append(i)
                    .append("\n    vcpus: 1\n    memory: ").append(old && g.oldMemory() ? g.memory() * 2 : g.memory())
                    .append("\n    virt_type: qemu\n    os_variant: generic\n    disks:\n      - {pool: ").append(POOL)
                    .append(", size: 1}\n    interfaces:\n      - {network: pp-n").append(g.net())
                    .append(", mac: \"52:54:00:cc:1").append(i).append(":20\"}\n    install: ")
                    .append(g.withBase() ? "{method: import, image: base" + i + ".qcow2}" : "{method: none}")
                    .append("\n");
        }
        return y.toString();
    }

    static Site site(String yaml) {
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", yaml)));
    }

    // ------------------------------------------------------------------ the host state

    static final Planner.Options FORCE = new Planner.Options(true, Set.of(), false);

    static void execute(Hypervisor hv, Plan p) {
        assertThat(p.refused()).as("refused:\n" + text(p)).isEmpty();
        PlanExecutor.Result r = new PlanExecutor(hv, 1).execute(p);
        assertThat(r.ok()).as(r.outcomes() + "\n" + text(p)).isTrue();
    }

    static String text(Plan p) {
        StringBuilder b = new StringBuilder();
        for (Action a : p.actions()) {
            b.append(a.type().sign()).append(' ').append(a.id()).append(": ").append(a.type().word()).append(" (")
                    .append(a.reason()).append(")\n");
            a.diff().forEach(d -> b.append("    ").append(d).append('\n'));
        }
        return b.toString();
    }

    /** Brings the parts of the old site that the case says into the host, then stops and changes some. */
    static void prepare(Hypervisor hv, Case c, Site old) {
        Planner pl = new Planner(hv, HostProbe.NONE, old, FORCE);
        List<Network> nets = IntStream.range(0, c.nets().size()).filter(i -> c.nets().get(i).present())
                .mapToObj(i -> old.networks().get(i)).toList();
        execute(hv, pl.up(Planner.Scope.networks(nets, true)));
        boolean pool = c.poolPresent() || c.needsPool();
        if (pool) {
            execute(hv, pl.up(new Planner.Scope(List.of(), false, old.storagePools(), List.of(), List.of(),
                    List.of())));
            for (int i = 0; i < c.guests().size(); i++) {
                if (c.guests().get(i).withBase()) {
                    hv.createVolume(POOL, "<volume><name>base" + i + ".qcow2</name><capacity unit='M'>8</capacity>"
                            + "<target><format type='qcow2'/></target></volume>");
                }
            }
        }
        List<Guest> storage = new ArrayList<>();
        List<Guest> domains = new ArrayList<>();
        List<Guest> boot = new ArrayList<>();
        for (int i = 0; i < c.guests().size(); i++) {
            Gst g = c.guests().get(i);
            Guest guest = old.guests().get(i);
            boolean netThere = c.nets().get(g.net()).present();
            switch (g.state()) {
                case VOLUMES -> storage.add(guest);
                case DOMAIN -> domains.add(guest);
                case DEFINED -> {
                    storage.add(guest);
                    domains.add(guest);
                }
                case RUNNING -> {
                    storage.add(guest);
                    domains.add(guest);
                    if (netThere) {
                        boot.add(guest);
                    }
                }
                case ABSENT -> {
                }
            }
        }
        execute(hv, pl.up(new Planner.Scope(List.of(), false, pool ? old.storagePools() : List.of(), storage,
                domains, boot)));
        for (int i = 0; i < c.guests().size(); i++) {
            Gst g = c.guests().get(i);
            if (g.byHand() && hv.domain("pp-g" + i).isPresent()) {
                String xml = hv.domainXml("pp-g" + i, true);
                hv.defineDomain(xml.replaceFirst("<memory unit='KiB'>\\d+</memory>", "<memory unit='KiB'>98304</memory>")
                        .replaceFirst("<currentMemory unit='KiB'>\\d+</currentMemory>",
                                "<currentMemory unit='KiB'>98304</currentMemory>"));
            }
        }
        for (int i = 0; i < c.nets().size(); i++) {
            if (c.nets().get(i).present() && c.nets().get(i).host().byHand()) {
                String xml = hv.networkXml("pp-n" + i, true);
                boolean active = hv.network("pp-n" + i).orElseThrow().active();
                if (active) {
                    hv.stopNetwork("pp-n" + i);
                }
                hv.defineNetwork(xml.replaceFirst("</dhcp>", "<host mac='52:54:00:cc:ff:0" + i + "' name='byhand"
                        + i + "' ip='" + (i == 2 || c.nets().size() < 3 && i == 1 ? "203.0.113.99" : i == 1
                        ? "198.51.100.189" : "198.51.100.89") + "'/></dhcp>"));
                if (active) {
                    hv.startNetwork("pp-n" + i);
                }
            }
            if (c.nets().get(i).present() && c.nets().get(i).host().stopped()) {
                hv.stopNetwork("pp-n" + i);
            }
        }
        if (pool && c.poolStopped() && !c.hasBase()) {
            hv.stopPool(POOL);
        }
    }

    // ------------------------------------------------------------------ the properties

    @Property(tries = 50)
    void upThenDownConverge(@ForAll("casesWithoutLoneVolumes") Case c) {
        check(c);
    }

    /** The same over every host state, lone volumes too: fails while the bug in {@link #loneVolumes} is there. */
    @Property(tries = 50)
    void upThenDownConvergeFromAnyStateOfTheSitesOwnObjects(@ForAll("cases") Case c) {
        check(c);
    }

    /**
     * Bug: volumes that miniascape created for the site with no domain (as {@code miniascape storage} does:
     * {@code Scope.storage}) are refused by the next {@code up}, even with --force: "exists, but no domain of
     * site pp records it as its own".
     */
    @Example
    void loneVolumesMadeByStorageAreTheSites() {
        check(new Case(List.of(new Net("nat", 0, false, true, false, false, false)),
                List.of(new Gst(0, false, 64, GuestState.VOLUMES, false, false)), true, false));
    }

    /** The same bug through 'guest undefine' (Scope.domains: "their volumes stay"), then 'up'. */
    @Example
    void volumesLeftByGuestUndefineAreTheSites() {
        Path dir = tempDir();
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            Site site = site(yaml(new Case(List.of(new Net("nat", 0, false, true, false, false, false)),
                    List.of(new Gst(0, false, 64, GuestState.DEFINED, false, false)), true, false), dir, false));
            Planner pl = new Planner(hv, HostProbe.NONE, site, FORCE);
            execute(hv, pl.up(Planner.Scope.all(site)));
            execute(hv, pl.down(Planner.Scope.domains(site.guests())));
            Plan up = pl.up(Planner.Scope.all(site));
            assertThat(up.refused()).as("refused with --force:\n" + text(up)).isEmpty();
        } finally {
            delete(dir);
        }
    }

    /** And 'storage up' then 'storage down' (Scope.storage both ways) leaves the volumes it made, and the pool. */
    @Example
    void storageDownRemovesWhatStorageUpMade() {
        Path dir = tempDir();
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            Site site = site(yaml(new Case(List.of(new Net("nat", 0, false, true, false, false, false)),
                    List.of(new Gst(0, false, 64, GuestState.ABSENT, false, false)), true, false), dir, false));
            Planner pl = new Planner(hv, HostProbe.NONE, site, Planner.Options.DEFAULT);
            execute(hv, pl.up(Planner.Scope.storage(site, site.guests())));
            Plan down = pl.down(Planner.Scope.storage(site, site.guests()));
            execute(hv, down);
            assertThat(hv.pools()).as("pools after storage down:\n" + text(down)).isEmpty();
        } finally {
            delete(dir);
        }
    }

    static void check(Case c) {
        Path dir = tempDir();
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir))) {
            Site site = site(yaml(c, dir, false));
            prepare(hv, c, site(yaml(c, dir, true)));
            Planner pl = new Planner(hv, HostProbe.NONE, site, FORCE);

            Plan up = pl.up(Planner.Scope.all(site));
            assertThat(up.refused()).as("refused with --force:\n" + text(up)).isEmpty();
            up.actions().stream().map(a -> a.kind() + " " + a.type()).distinct()
                    .forEach(k -> Statistics.label("up plans with").collect(k));
            execute(hv, up);
            Plan again = pl.up(Planner.Scope.all(site));
            assertThat(again.actions()).as("after up:\n" + text(up) + "then:\n" + text(again))
                    .allMatch(a -> a.type() == Action.Type.NONE);

            Planner down = new Planner(hv, HostProbe.NONE, site, Planner.Options.DEFAULT);
            Plan gone = down.down(Planner.Scope.all(site));
            execute(hv, gone);
            Plan goneAgain = down.down(Planner.Scope.all(site));
            assertThat(goneAgain.actions()).as("after down:\n" + text(gone) + "then:\n" + text(goneAgain))
                    .allMatch(a -> a.type() == Action.Type.NONE);
            assertThat(hv.networks()).as("networks after down:\n" + text(gone)).isEmpty();
            assertThat(hv.pools()).as("pools after down:\n" + text(gone)).isEmpty();
            assertThat(hv.domains()).as("domains after down:\n" + text(gone)).isEmpty();
        } finally {
            delete(dir);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("mia-plan-property");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
