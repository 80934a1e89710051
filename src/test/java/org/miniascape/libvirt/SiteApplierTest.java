package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;
import org.miniascape.config.ConfigSources;
import org.miniascape.config.SiteLoader;
import org.miniascape.model.Site;
import org.miniascape.testing.TestDriver;
import org.miniascape.xml.NetworkXml;

/** Reconciling the test site's networks on libvirt's test driver, one connection per test. */
class SiteApplierTest {
    static final String SITE = read("apply/site.yml");

    @TempDir
    Path dir;
    Hypervisor hv;

    @BeforeEach
    void open() {
        hv = Hypervisor.open(TestDriver.uri(dir));
    }

    @AfterEach
    void close() {
        hv.close();
    }

    static String read(String resource) {
        try {
            return Files.readString(Path.of("src/test/resources", resource));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Site site(String yaml) {
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", yaml)));
    }

    ApplyResult register(Site s, boolean force, boolean dryRun) {
        return new SiteApplier(hv, HostProbe.NONE, dryRun, force).networks(s, s.networks(), true);
    }

    static List<String> lines(ApplyResult r) {
        return r.changes().stream().map(c -> c.line(r.dryRun())).toList();
    }

    @Test
    void registerCreatesThenChangesNothing() {
        Site s = site(SITE);
        ApplyResult first = register(s, false, false);
        assertThat(lines(first)).containsExactly(
                "network mia-nat: created (defined, autostart, started)",
                "network mia-iso: created (defined, autostart, started)");
        assertThat(hv.network("mia-nat")).contains(new NetworkStatus("mia-nat", true, true, true, "mia-nat0"));

        ApplyResult second = register(s, false, false);
        assertThat(lines(second)).containsExactly("network mia-nat: unchanged", "network mia-iso: unchanged");
        assertThat(second.changed()).isZero();
    }

    @Test
    void dryRunChangesNothing() {
        ApplyResult r = register(site(SITE), false, true);
        assertThat(lines(r)).containsExactly(
                "network mia-nat: would create (defined, autostart, started)",
                "network mia-iso: would create (defined, autostart, started)");
        assertThat(hv.networks()).isEmpty();
    }

    @Test
    void changedReservationsAreAppliedLiveAndEndUpAsTheSiteSaysInEveryCombination() {
        register(site(SITE), false, false);
        // Swap web/app addresses, drop db, add a host, rename store.
        String changed = SITE.replace("ip: 198.51.100.10}", "ip: 198.51.100.99}")
                .replace("ip: 198.51.100.11}", "ip: 198.51.100.10}")
                .replace("ip: 198.51.100.99}", "ip: 198.51.100.11}")
                .replace("        - {ip: 198.51.100.5, names: [db]}\n", "        - {ip: 198.51.100.6, names: [cache]}\n")
                .replace("name: store,", "name: vault,")
                + "      - {name: extra, mac: \"52:54:00:aa:01:20\", ip: 203.0.113.20}\n";
        Site s = site(changed);
        ApplyResult r = register(s, false, false);
        assertThat(r.refusal()).as(String.join("\n", r.changes().get(0).diff()) + String.join("\n", r.changes().get(1).diff())).isEmpty();
        assertThat(r.changes()).extracting(Change::outcome)
                .containsExactly(Change.Outcome.UPDATED_LIVE, Change.Outcome.UPDATED_LIVE);
        for (var n : s.networks()) {
            NetworkDefinition live = NetworkDefinition.parse(hv.networkXml(n.name(), false));
            NetworkDefinition want = NetworkDefinition.parse(NetworkXml.render(n));
            assertThat(live.dhcpHosts()).containsExactlyInAnyOrderElementsOf(want.dhcpHosts());
            assertThat(live.dnsHosts()).containsExactlyInAnyOrderElementsOf(want.dnsHosts());
            assertThat(live.core()).isEqualTo(want.core());
        }
        assertThat(register(s, false, false).changed()).isZero();
    }

    @Test
    void aNetworkThatDiffersBeyondHostsIsRefusedWithADiffUnlessForced() {
        register(site(SITE), false, false);
        Site routed = site(SITE.replace("mode: nat", "mode: route"));
        ApplyResult refused = register(routed, false, false);
        assertThat(refused.refusal()).get().asString()
                .contains("nothing was changed").contains("network mia-nat differs beyond DHCP/DNS hosts");
        Change nat = refused.changes().get(0);
        assertThat(nat.outcome()).isEqualTo(Change.Outcome.DRIFTED);
        assertThat(nat.diff()).contains("- " + "  <forward mode='nat'/>", "+ " + "  <forward mode='route'/>");
        assertThat(hv.networkXml("mia-nat", false)).contains("mode='nat'");

        ApplyResult forced = register(routed, true, false);
        assertThat(forced.changes().get(0).outcome()).isEqualTo(Change.Outcome.RESTARTED);
        assertThat(hv.networkXml("mia-nat", false)).contains("mode='route'");
        assertThat(hv.network("mia-nat").orElseThrow().active()).isTrue();
    }

    @Test
    void updateDoesNotCreateMissingNetworks() {
        Site s = site(SITE);
        ApplyResult r = new SiteApplier(hv, HostProbe.NONE, false, false).networks(s, s.networks(), false);
        assertThat(r.refusal()).get().asString().contains("network mia-nat is not defined");
        assertThat(lines(r)).first().asString().startsWith("network mia-nat: missing");
        assertThat(hv.networks()).isEmpty();
    }

    @Test
    void unregisterRemovesAndToleratesAbsentNetworks() {
        register(site(SITE), false, false);
        ApplyResult r = new SiteApplier(hv, HostProbe.NONE, false, false).removeNetworks(List.of("mia-nat", "nope"));
        assertThat(lines(r)).containsExactly("network mia-nat: removed (destroyed, undefined)",
                "network nope: absent (not defined, nothing to do)");
        assertThat(hv.network("mia-nat")).isEmpty();
    }

    @Test
    void preflightRefusesOverlapsTakenBridgesAndForeignMacsBeforeTouchingAnything() {
        hv.defineNetwork("<network><name>other</name><bridge name='mia-iso0'/>"
                + "<ip address='198.51.100.129' netmask='255.255.255.128'><dhcp>"
                + "<host mac='52:54:00:aa:01:10' name='x' ip='198.51.100.130'/></dhcp></ip></network>");
        hv.defineDomain("<domain type='test'><name>stranger</name><memory unit='MiB'>64</memory>"
                + "<os><type>hvm</type></os><devices><interface type='network'><mac address='52:54:00:aa:00:11'/>"
                + "<source network='other'/></interface></devices></domain>");
        Site s = site(SITE);
        assertThatThrownBy(() -> register(s, false, false))
                .isInstanceOf(MiniascapeException.class)
                .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(3))
                .hasMessageContaining("preflight found 4 conflicts; nothing was changed")
                .hasMessageContaining("network mia-nat: subnet 198.51.100.0/24 overlaps libvirt network 'other'"
                        + " (198.51.100.128/25)")
                .hasMessageContaining("network mia-iso: bridge mia-iso0 is already used by libvirt network 'other'")
                .hasMessageContaining("network mia-iso: MAC 52:54:00:aa:01:10 of store is already reserved in libvirt"
                        + " network 'other'")
                .hasMessageContaining("network mia-nat: MAC 52:54:00:aa:00:11 of app is used by domain 'stranger',"
                        + " which is not a guest of this site");
        assertThat(hv.network("mia-nat")).isEmpty();
    }

    Site siteWithGuest() {
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", SITE),
                new ConfigSources.Source("site-guests.yml",
                        read("apply/site-guests.yml").replace("@POOL@", dir.resolve("pool").toString()))));
    }

    @Test
    void upInDependencyOrderThenNothingThenDownLeavesNothing() {
        Site s = siteWithGuest();
        SiteApplier applier = new SiteApplier(hv, HostProbe.NONE, false, false);
        assertThat(lines(applier.up(s))).containsExactly(
                "network mia-nat: created (defined, autostart, started)",
                "network mia-iso: created (defined, autostart, started)",
                "pool mia-pool: created (defined, built, autostart, started)",
                "volume mia-pool/mia-vm-disk0.qcow2: created",
                "guest mia-vm: defined",
                "guest mia-vm: started");
        assertThat(hv.domain("mia-vm").orElseThrow().state()).isEqualTo(DomainStatus.State.RUNNING);

        ApplyResult again = applier.up(s);
        assertThat(again.changed()).isZero();
        assertThat(lines(again)).contains("guest mia-vm: unchanged (running)");

        Site bigger = SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", SITE),
                new ConfigSources.Source("g.yml", read("apply/site-guests.yml")
                        .replace("@POOL@", dir.resolve("pool").toString()).replace("memory: 128", "memory: 256"))));
        ApplyResult changed = applier.up(bigger);
        assertThat(changed.changes()).filteredOn(c -> c.kind().equals("guest")).first().satisfies(c -> {
            assertThat(c.line(false)).isEqualTo("guest mia-vm: defined (redefined; takes effect at its next boot)");
            assertThat(c.diff()).containsExactly("~ memory 128 MiB -> 256 MiB");
        });

        assertThat(lines(applier.down(bigger))).containsExactly(
                "guest mia-vm: removed (powered off, undefined)",
                "volume mia-pool/mia-vm-disk0.qcow2: removed",
                "pool mia-pool: removed (directory " + dir.resolve("pool") + " left in place)",
                "network mia-nat: removed (destroyed, undefined)",
                "network mia-iso: removed (destroyed, undefined)");
        assertThat(hv.domains()).isEmpty();
        assertThat(hv.pools()).isEmpty();
        assertThat(hv.networks()).isEmpty();
    }

    @Test
    void downKeepsWhatIsNotTheSites() {
        Site s = siteWithGuest();
        SiteApplier applier = new SiteApplier(hv, HostProbe.NONE, false, false);
        applier.up(s);
        hv.createVolume("mia-pool", "<volume><name>theirs.qcow2</name><capacity unit='M'>8</capacity>"
                + "<target><format type='qcow2'/></target></volume>");
        hv.defineNetwork("<network><name>theirs</name><bridge name='theirs0'/></network>");
        assertThat(lines(applier.down(s))).contains(
                "pool mia-pool: unchanged (kept: it holds volumes that are not the site's: theirs.qcow2)");
        assertThat(hv.network("theirs")).isPresent();
        assertThat(hv.volume("mia-pool", "theirs.qcow2")).isPresent();
    }

    @Test
    void upRefusedForADriftedPoolChangesNoNetworkEither() {
        hv.definePool("<pool type='dir'><name>mia-pool</name><target><path>" + dir.resolve("elsewhere")
                + "</path></target></pool>");
        ApplyResult r = new SiteApplier(hv, HostProbe.NONE, false, false).up(siteWithGuest());
        assertThat(r.refusal()).get().asString().contains("nothing was changed")
                .contains("storage pool mia-pool is dir at " + dir.resolve("elsewhere"));
        assertThat(hv.networks()).as("no network created before the refusal").isEmpty();
        assertThat(r.changed()).isZero();
    }

    @Test
    void aFailureHalfwaySaysWhatWasAlreadyDone() {
        // An imported guest whose image is not in the pool: found only once the pool is there.
        Site s = SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", SITE),
                new ConfigSources.Source("site-guests.yml", read("apply/site-guests.yml")
                        .replace("@POOL@", dir.resolve("pool").toString())
                        .replace("install: {method: none}", "install: {method: import}"))));
        assertThatThrownBy(() -> new SiteApplier(hv, HostProbe.NONE, false, false).up(s))
                .isInstanceOf(MiniascapeException.class)
                .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(3))
                .hasMessageContaining("volume mia-pool/mia-vm-disk0.qcow2 is the disk image of an imported guest")
                .hasMessageContaining("network mia-nat: created (defined, autostart, started)")
                .hasMessageContaining("network mia-iso: created (defined, autostart, started)")
                .hasMessageContaining("pool mia-pool: created (defined, built, autostart, started)");
    }

    @Test
    void aGuestMovedBetweenTheSitesOwnNetworksIsNoPreflightConflict() {
        register(site(SITE), false, false);
        String moved = SITE.replace("      - {name: store, mac: \"52:54:00:aa:01:10\", ip: 203.0.113.10}\n", "")
                .replace("      - {name: app, mac: \"52:54:00:aa:00:11\", ip: 198.51.100.11}\n",
                        "      - {name: app, mac: \"52:54:00:aa:00:11\", ip: 198.51.100.11}\n"
                        + "      - {name: store, mac: \"52:54:00:aa:01:10\", ip: 198.51.100.12}\n");
        Site s = site(moved);
        assertThat(s.network("mia-nat").orElseThrow().reservations()).hasSize(3);
        ApplyResult r = register(s, false, false);
        assertThat(r.changes()).as(String.join("\n", r.changes().get(1).diff())).extracting(Change::outcome)
                .containsExactly(Change.Outcome.UPDATED_LIVE, Change.Outcome.UPDATED_LIVE);
        assertThat(register(s, false, false).changed()).isZero();
    }

    @Test
    void theFirstAndTheLastReservationOfANetworkWithoutDhcpPoolChangeLive() {
        String without = SITE.replace("      - {name: store, mac: \"52:54:00:aa:01:10\", ip: 203.0.113.10}\n", "");
        register(site(SITE), false, false);
        ApplyResult removed = register(site(without), false, false);
        assertThat(removed.changes()).as(String.join("\n", removed.changes().get(1).diff()))
                .extracting(Change::outcome).containsExactly(Change.Outcome.UNCHANGED, Change.Outcome.UPDATED_LIVE);
        assertThat(NetworkDefinition.parse(hv.networkXml("mia-iso", false)).dhcpHosts()).isEmpty();
        assertThat(register(site(without), false, false).changed()).isZero();

        ApplyResult added = register(site(SITE), false, false);
        assertThat(added.changes()).as(String.join("\n", added.changes().get(1).diff()))
                .extracting(Change::outcome).containsExactly(Change.Outcome.UNCHANGED, Change.Outcome.UPDATED_LIVE);
        assertThat(NetworkDefinition.parse(hv.networkXml("mia-iso", false)).dhcpHosts()).hasSize(1);
        assertThat(register(site(SITE), false, false).changed()).isZero();
    }

    /** The test-driver host, except that starting a network fails as a real one can (dnsmasq cannot bind). */
    Hypervisor failingStart() {
        return (Hypervisor) java.lang.reflect.Proxy.newProxyInstance(Hypervisor.class.getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("startNetwork")) {
                        throw MiniascapeException.failed("start network " + args[0] + ": dnsmasq failed to bind");
                    }
                    try {
                        return method.invoke(hv, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aNetworkThatFailsToStartSaysWhatWasDoneToIt() {
        Site s = site(SITE);
        assertThatThrownBy(() -> new SiteApplier(failingStart(), HostProbe.NONE, false, false)
                .networks(s, s.networks().subList(0, 1), true))
                .hasMessage("start network mia-nat: dnsmasq failed to bind (network mia-nat was already defined,"
                        + " autostart on; it is not running: run again once the cause is fixed)");

        register(s, false, false);
        Site routed = site(SITE.replace("mode: nat", "mode: route"));
        assertThatThrownBy(() -> new SiteApplier(failingStart(), HostProbe.NONE, false, true)
                .networks(routed, routed.networks().subList(0, 1), true))
                .hasMessage("start network mia-nat: dnsmasq failed to bind (network mia-nat was already stopped"
                        + " (destroyed), redefined as the site says, autostart on; it is not running: run again"
                        + " once the cause is fixed)");
        assertThat(hv.network("mia-nat").orElseThrow().active()).isFalse();
        assertThat(lines(register(routed, true, false))).first().isEqualTo("network mia-nat: started");
    }

    @Test
    void aGuestThatLibvirtRefusesToDefineSaysWhichStorageWasMade() {
        Site s = siteWithGuest();
        Hypervisor refusing = (Hypervisor) java.lang.reflect.Proxy.newProxyInstance(Hypervisor.class.getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("defineDomain")) {
                        throw MiniascapeException.failed("define domain: unsupported configuration");
                    }
                    try {
                        return method.invoke(hv, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        assertThatThrownBy(() -> new SiteApplier(refusing, HostProbe.NONE, false, false).defineGuests(s, s.guests()))
                .hasMessageContaining("define domain: unsupported configuration")
                .hasMessageContaining("pool mia-pool: created (defined, built, autostart, started)")
                .hasMessageContaining("volume mia-pool/mia-vm-disk0.qcow2: created");
        assertThat(lines(new SiteApplier(hv, HostProbe.NONE, false, false).defineGuests(s, s.guests())))
                .containsExactly("pool mia-pool: unchanged", "volume mia-pool/mia-vm-disk0.qcow2: unchanged",
                        "guest mia-vm: defined");
    }

    @Test
    void aHostChangeRefusedHalfwaySaysHowManyWereApplied() {
        register(site(SITE), false, false);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Hypervisor refusing = (Hypervisor) java.lang.reflect.Proxy.newProxyInstance(Hypervisor.class.getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("updateNetwork") && calls.incrementAndGet() == 2) {
                        throw MiniascapeException.failed("update network mia-nat (ADD_LAST IP_DHCP_HOST): refused");
                    }
                    try {
                        return method.invoke(hv, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Site changed = site(SITE.replace("ip: 198.51.100.11}", "ip: 198.51.100.12}")
                .replace("        - {ip: 198.51.100.5, names: [db]}\n", "        - {ip: 198.51.100.6, names: [db]}\n"));
        assertThatThrownBy(() -> new SiteApplier(refusing, HostProbe.NONE, false, false)
                .networks(changed, changed.networks(), true))
                .hasMessage("update network mia-nat (ADD_LAST IP_DHCP_HOST): refused (network mia-nat was already given"
                        + " 1 of its 5 host changes; the rest were not applied: run again once the cause is fixed)");
        ApplyResult again = register(changed, false, false);
        assertThat(lines(again)).first().asString().startsWith("network mia-nat: updated live (");
        assertThat(register(changed, false, false).changed()).isZero();
    }

    @Test
    void aPoolThatFailsToBuildSaysItWasDefined() {
        Site s = siteWithGuest();
        Hypervisor refusing = (Hypervisor) java.lang.reflect.Proxy.newProxyInstance(Hypervisor.class.getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("buildPool")) {
                        throw MiniascapeException.failed("build storage pool mia-pool: Permission denied");
                    }
                    try {
                        return method.invoke(hv, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        assertThatThrownBy(() -> new SiteApplier(refusing, HostProbe.NONE, false, false).storage(s, s.guests()))
                .hasMessage("build storage pool mia-pool: Permission denied (storage pool mia-pool was already"
                        + " defined; it is not running: run again once the cause is fixed)");
        assertThat(lines(new SiteApplier(hv, HostProbe.NONE, false, false).storage(s, s.guests())))
                .containsExactly("pool mia-pool: started (autostart on, built)", "volume mia-pool/mia-vm-disk0.qcow2: created");
    }

    @Test
    void downRemovesTheVolumesOfAPoolThatIsNotRunning() {
        Site s = siteWithGuest();
        SiteApplier applier = new SiteApplier(hv, HostProbe.NONE, false, false);
        applier.up(s);
        hv.stopDomain("mia-vm");
        hv.stopPool("mia-pool"); // as after a reboot, for a pool without autostart
        assertThat(lines(applier.down(s))).containsSubsequence(
                "pool mia-pool: started (to see its volumes)",
                "volume mia-pool/mia-vm-disk0.qcow2: removed",
                "pool mia-pool: removed (directory " + dir.resolve("pool") + " left in place)");
        hv.definePool(org.miniascape.xml.PoolXml.render(s.storagePools().get(0)));
        hv.startPool("mia-pool");
        assertThat(hv.volumes("mia-pool")).isEmpty();
    }

    @Test
    void anUndefineRefusedAfterThePowerOffSaysSo() {
        Site s = siteWithGuest();
        new SiteApplier(hv, HostProbe.NONE, false, false).up(s);
        Hypervisor refusing = (Hypervisor) java.lang.reflect.Proxy.newProxyInstance(Hypervisor.class.getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, method, args) -> {
                    if (method.getName().equals("undefineDomain") || method.getName().equals("undefineNetwork")) {
                        throw MiniascapeException.failed(method.getName() + " " + args[0] + ": refused");
                    }
                    try {
                        return method.invoke(hv, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SiteApplier applier = new SiteApplier(refusing, HostProbe.NONE, false, false);
        assertThatThrownBy(() -> applier.undefineGuests(s.guests()))
                .hasMessage("undefineDomain mia-vm: refused (guest mia-vm was already powered off: it is defined,"
                        + " not running)");
        assertThatThrownBy(() -> applier.removeNetworks(List.of("mia-nat")))
                .hasMessage("undefineNetwork mia-nat: refused (network mia-nat was already destroyed: it is defined,"
                        + " not running)");
    }
}
