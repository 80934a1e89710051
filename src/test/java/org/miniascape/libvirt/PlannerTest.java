package org.miniascape.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.miniascape.xml.OwnerMark;

/** Plans of the test site on libvirt's test driver (one connection per test), and what executing them does. */
class PlannerTest {
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

    Site siteWithGuest(String... replacements) {
        String guests = read("apply/site-guests.yml").replace("@POOL@", dir.resolve("pool").toString());
        for (int i = 0; i < replacements.length; i += 2) {
            guests = guests.replace(replacements[i], replacements[i + 1]);
        }
        return SiteLoader.loadSources(List.of(new ConfigSources.Source("site.yml", SITE),
                new ConfigSources.Source("site-guests.yml", guests)));
    }

    Planner planner(Site s, Planner.Options o) {
        return new Planner(hv, HostProbe.NONE, s, o);
    }

    Plan up(Site s) {
        return planner(s, Planner.Options.DEFAULT).up(Planner.Scope.all(s));
    }

    Plan down(Site s) {
        return planner(s, Planner.Options.DEFAULT).down(Planner.Scope.all(s));
    }

    PlanExecutor.Result execute(Hypervisor on, Plan p) {
        return new PlanExecutor(on, 2).execute(p);
    }

    PlanExecutor.Result execute(Plan p) {
        PlanExecutor.Result r = execute(hv, p);
        assertThat(r.ok()).as(r.outcomes().toString()).isTrue();
        return r;
    }

    /** Each action as "SIGN id: word (reason)". */
    static List<String> lines(Plan p) {
        return p.actions().stream().map(a -> a.type().sign() + " " + a.id() + ": " + a.type().word()
                + (a.reason().isEmpty() ? "" : " (" + a.reason() + ")")).toList();
    }

    static List<Action.Type> types(Plan p) {
        return p.actions().stream().map(Action::type).toList();
    }

    static void assertNothingToDo(Plan p) {
        assertThat(p.hasChanges()).as(String.join("\n", lines(p))).isFalse();
        assertThat(p.refused()).isEmpty();
        assertThat(p.summary()).isEqualTo("Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace,"
                + " 0 to destroy");
    }

    @Test
    void upPlansEveryObjectInDependencyOrderAndASecondPlanHasNothingToDo() {
        Site s = siteWithGuest();
        Plan first = up(s);
        assertThat(lines(first)).containsExactly(
                "+ network/mia-nat: create (not defined)",
                "+ network/mia-iso: create (not defined)",
                "+ pool/mia-pool: create (not defined)",
                "+ domain/mia-vm: create (not defined)",
                "+ volume/mia-pool/mia-vm-disk0.qcow2: create (disk of mia-vm)",
                "+ boot/mia-vm: create (start: its disk boots as it is)");
        assertThat(first.summary()).isEqualTo("Plan: 6 to add, 0 to update live, 0 to redefine, 0 to replace,"
                + " 0 to destroy");
        assertThat(first.actions().get(4).dependsOn()).containsExactly("pool/mia-pool", "domain/mia-vm");
        assertThat(hv.networks()).as("planning changes nothing").isEmpty();
        assertThat(hv.pools()).isEmpty();

        PlanExecutor.Result r = execute(first);
        assertThat(r.outcomes()).extracting(PlanExecutor.Outcome::status).containsOnly(PlanExecutor.Status.DONE);
        assertThat(r.outcomes().get(0).stepsDone()).containsExactly("define", "autostart on", "start");
        assertThat(hv.domain("mia-vm").orElseThrow().state()).isEqualTo(DomainStatus.State.RUNNING);
        OwnerMark mark = OwnerMark.read(hv.domainXml("mia-vm", true)).orElseThrow();
        assertThat(mark.site()).isEqualTo("applytest");
        assertThat(mark.volumes()).containsExactly(new OwnerMark.VolumeRef("mia-pool", "mia-vm-disk0.qcow2"));
        assertThat(OwnerMark.read(hv.networkXml("mia-nat", true))).get().extracting(OwnerMark::site)
                .isEqualTo("applytest");

        assertNothingToDo(up(s));
        assertThat(lines(up(s))).contains("= boot/mia-vm: none (running)");
    }

    /** mia-vm and a second guest, both with a disk of their own and the shareable volume shared.img. */
    Site siteWithSharedVolume() {
        String shared = "\n      - {pool: mia-pool, volume: shared.img, size: 1, shareable: true}";
        String second = "\n  - name: mia-vm2\n    vcpus: 1\n    memory: 128\n    virt_type: qemu\n"
                + "    disks:\n      - {pool: mia-pool, size: 1}" + shared + "\n    interfaces:\n"
                + "      - {network: mia-nat, mac: \"52:54:00:aa:00:21\", ip: 198.51.100.21}\n"
                + "    install: {method: none}\n";
        return siteWithGuest("      - {pool: mia-pool, size: 1}", "      - {pool: mia-pool, size: 1}" + shared,
                "    install: {method: none}", "    install: {method: none}" + second);
    }

    @Test
    void aSharedVolumeIsCreatedOnceRecordedByEveryGuestAndDeletedOnceAfterAllOfThem() {
        Site s = siteWithSharedVolume();
        Plan first = up(s);
        assertThat(lines(first).stream().filter(l -> l.contains("shared.img")))
                .containsExactly("+ volume/mia-pool/shared.img: create (disk shared by mia-vm, mia-vm2)");
        execute(first);
        assertThat(hv.volumes("mia-pool")).extracting(VolumeStatus::name).contains("shared.img");
        for (String g : List.of("mia-vm", "mia-vm2")) {
            assertThat(OwnerMark.read(hv.domainXml(g, true)).orElseThrow().volumes())
                    .contains(new OwnerMark.VolumeRef("mia-pool", "shared.img"));
            assertThat(hv.domainXml(g, true)).contains("<shareable/>");
        }
        assertNothingToDo(up(s));

        // The storage of one guest alone: the volume stays while the other guest's domain has it.
        Plan one = planner(s, Planner.Options.DEFAULT).down(Planner.Scope.storage(s, List.of(s.guest("mia-vm2")
                .orElseThrow())));
        assertThat(lines(one)).contains("= volume/mia-pool/shared.img: none (kept: a shared volume, still attached"
                + " to domains mia-vm, mia-vm2)");

        Plan down = down(s);
        List<Action> deletes = down.actions().stream().filter(a -> a.id().equals("volume/mia-pool/shared.img"))
                .toList();
        assertThat(deletes).hasSize(1);
        assertThat(deletes.get(0).type()).isEqualTo(Action.Type.DELETE);
        assertThat(deletes.get(0).dependsOn()).containsExactly("domain/mia-vm", "domain/mia-vm2");
        execute(down);
        assertThat(hv.domains()).isEmpty();
        assertThat(hv.pools()).isEmpty();
    }

    @Test
    void aChangedGuestIsRedefinedAndDownRemovesEverythingOfTheSite() {
        Site s = siteWithGuest();
        execute(up(s));
        Site bigger = siteWithGuest("memory: 128", "memory: 256");
        Plan changed = up(bigger);
        Action domain = changed.actions().stream().filter(a -> a.id().equals("domain/mia-vm")).findFirst()
                .orElseThrow();
        assertThat(domain.type()).isEqualTo(Action.Type.REDEFINE);
        assertThat(domain.reason()).isEqualTo("differs from the site; takes effect at its next boot");
        assertThat(domain.diff()).containsExactly("~ memory 128 MiB -> 256 MiB");
        execute(changed);
        assertNothingToDo(up(bigger));

        Plan gone = down(bigger);
        assertThat(lines(gone)).containsExactly(
                "- domain/mia-vm: delete (power off, undefine)",
                "- volume/mia-pool/mia-vm-disk0.qcow2: delete (disk of mia-vm)",
                "- pool/mia-pool: delete (destroy, undefine; its directory stays)",
                "- network/mia-nat: delete (destroy, undefine)",
                "- network/mia-iso: delete (destroy, undefine)");
        assertThat(gone.actions().get(3).dependsOn()).containsExactly("domain/mia-vm");
        execute(gone);
        assertThat(hv.domains()).isEmpty();
        assertThat(hv.pools()).isEmpty();
        assertThat(hv.networks()).isEmpty();
        assertThat(types(down(bigger))).containsOnly(Action.Type.NONE);
    }

    @Test
    void aChangedKernelCommandLineIsARedefineNamingIt() {
        String boot = "install: {method: none}\n    boot: {kernel: /var/lib/libvirt/boot/vmlinuz, cmdline: \"%s\"}";
        Site s = siteWithGuest("install: {method: none}", boot.formatted("console=ttyS0"));
        execute(up(s));
        assertThat(hv.domainXml("mia-vm", true)).contains("<kernel>/var/lib/libvirt/boot/vmlinuz</kernel>",
                "<cmdline>console=ttyS0</cmdline>");
        assertNothingToDo(up(s));

        Site changed = siteWithGuest("install: {method: none}", boot.formatted("console=ttyS0 debug"));
        Action domain = up(changed).actions().stream().filter(a -> a.id().equals("domain/mia-vm")).findFirst()
                .orElseThrow();
        assertThat(domain.type()).isEqualTo(Action.Type.REDEFINE);
        assertThat(domain.reason()).isEqualTo("differs from the site; takes effect at its next boot");
        assertThat(domain.diff()).containsExactly("~ cmdline 'console=ttyS0' -> 'console=ttyS0 debug'");
        execute(up(changed));
        assertThat(hv.domainXml("mia-vm", true)).contains("<cmdline>console=ttyS0 debug</cmdline>");
        assertNothingToDo(up(changed));
    }

    @Test
    void changedReservationsAreUpdatedLiveAndEndUpAsTheSiteSays() {
        Site s = site(SITE);
        execute(planner(s, Planner.Options.DEFAULT).up(Planner.Scope.networks(s.networks(), true)));
        String changed = SITE.replace("ip: 198.51.100.10}", "ip: 198.51.100.99}")
                .replace("ip: 198.51.100.11}", "ip: 198.51.100.10}")
                .replace("ip: 198.51.100.99}", "ip: 198.51.100.11}")
                .replace("        - {ip: 198.51.100.5, names: [db]}\n", "        - {ip: 198.51.100.6, names: [cache]}\n")
                .replace("name: store,", "name: vault,")
                + "      - {name: extra, mac: \"52:54:00:aa:01:20\", ip: 203.0.113.20}\n";
        Site c = site(changed);
        Plan p = planner(c, Planner.Options.DEFAULT).up(Planner.Scope.networks(c.networks(), true));
        assertThat(types(p)).containsExactly(Action.Type.UPDATE_LIVE, Action.Type.UPDATE_LIVE);
        assertThat(p.actions().get(1).diff()).anyMatch(d -> d.startsWith("+ modify DHCP host") && d.contains("vault"));
        execute(p);
        for (var n : c.networks()) {
            NetworkDefinition live = NetworkDefinition.parse(hv.networkXml(n.name(), false));
            NetworkDefinition want = NetworkDefinition.parse(NetworkXml.render(n));
            assertThat(live.dhcpHosts()).containsExactlyInAnyOrderElementsOf(want.dhcpHosts());
            assertThat(live.dnsHosts()).containsExactlyInAnyOrderElementsOf(want.dnsHosts());
            assertThat(live.core()).isEqualTo(want.core());
        }
        assertNothingToDo(planner(c, Planner.Options.DEFAULT).up(Planner.Scope.networks(c.networks(), true)));
    }

    @Test
    void aRunningNetworkThatDiffersBeyondHostsIsRefusedWithADiffUnlessForced() {
        execute(up(site(SITE)));
        Site routed = site(SITE.replace("mode: nat", "mode: route"));
        Plan refused = up(routed);
        Action nat = refused.actions().get(0);
        assertThat(nat.type()).isEqualTo(Action.Type.REFUSE);
        assertThat(nat.reason()).isEqualTo("differs beyond DHCP/DNS hosts; --force redefines and restarts it");
        assertThat(nat.diff()).contains("-   <forward mode='nat'/>", "+   <forward mode='route'/>");
        assertThat(refused.summary()).endsWith("; 1 refused");

        Plan forced = planner(routed, new Planner.Options(true, Set.of(), false)).up(Planner.Scope.all(routed));
        assertThat(forced.actions().get(0).type()).isEqualTo(Action.Type.REPLACE);
        assertThat(forced.actions().get(0).type().sign()).isEqualTo("-/+");
        execute(forced);
        assertThat(hv.networkXml("mia-nat", false)).contains("mode='route'");
        assertNothingToDo(up(routed));
    }

    @Test
    void lookAlikesAreRefusedThenAdoptedOnlyByName() {
        Site s = siteWithGuest();
        // Objects with the site's names that miniascape did not create for it. The network is not running: the
        // test driver keeps one definition per network, so a redefinition of a running one never shows there
        // (the sandboxed libvirtd's tests adopt a running one).
        hv.defineNetwork(NetworkXml.render(s.network("mia-nat").orElseThrow()));
        hv.definePool("<pool type='dir'><name>mia-pool</name><target><path>" + dir.resolve("pool")
                + "</path></target></pool>");
        hv.buildPool("mia-pool");
        hv.startPool("mia-pool");
        hv.defineDomain(org.miniascape.resolve.GuestVolumes.domainXml(s.guest("mia-vm").orElseThrow(), s));
        Plan p = up(s);
        assertThat(lines(p)).contains(
                "! network/mia-nat: refuse (not created by miniascape for this site (it has no miniascape mark);"
                        + " --adopt mia-nat takes it over)",
                "! pool/mia-pool: refuse (not created by miniascape for this site (it has no miniascape mark);"
                        + " --adopt mia-pool takes it over)",
                "! domain/mia-vm: refuse (not created by miniascape for this site (it has no miniascape mark);"
                        + " --adopt mia-vm takes it over)");
        assertThat(p.refused()).hasSize(4); // and boot/mia-vm

        Plan some = planner(s, new Planner.Options(false, Set.of("mia-nat"), false)).up(Planner.Scope.all(s));
        assertThat(some.actions().get(0).type()).isEqualTo(Action.Type.REDEFINE);
        assertThat(some.refused()).extracting(Action::id).doesNotContain("network/mia-nat").contains("pool/mia-pool");

        Plan all = planner(s, new Planner.Options(false, Set.of(), true)).up(Planner.Scope.all(s));
        assertThat(all.refused()).isEmpty();
        execute(all);
        assertThat(hv.volumes("mia-pool")).extracting(VolumeStatus::name).contains(Planner.poolMarkVolume("applytest"));
        assertNothingToDo(up(s));
    }

    @Test
    void downLeavesEverythingThatIsNotTheSitesExactlyAsItWas() {
        Site s = siteWithGuest();
        String foreignNet = NetworkXml.render(s.network("mia-nat").orElseThrow());
        hv.defineNetwork(foreignNet);
        hv.startNetwork("mia-nat");
        String otherSite = site(SITE.replace("site: applytest", "site: other")).networks().get(1).name();
        Planner other = new Planner(hv, HostProbe.NONE, site(SITE.replace("site: applytest", "site: other")),
                Planner.Options.DEFAULT);
        hv.defineNetwork(other.markedNetworkXml(site(SITE.replace("site: applytest", "site: other"))
                .network(otherSite).orElseThrow()));
        hv.defineDomain(org.miniascape.resolve.GuestVolumes.domainXml(s.guest("mia-vm").orElseThrow(), s));
        hv.startDomain("mia-vm");
        List<String> before = List.of(hv.networkXml("mia-nat", true), hv.networkXml("mia-iso", true),
                hv.domainXml("mia-vm", true));

        Plan p = down(s);
        assertThat(lines(p)).contains(
                "= domain/mia-vm: none (left alone: not created by miniascape for this site (no miniascape mark))",
                "= network/mia-nat: none (left alone: not created by miniascape for this site (no miniascape mark))",
                "= network/mia-iso: none (left alone: it belongs to site other)");
        assertThat(p.hasChanges()).isFalse();
        execute(p);
        assertThat(List.of(hv.networkXml("mia-nat", true), hv.networkXml("mia-iso", true),
                hv.domainXml("mia-vm", true))).isEqualTo(before);
        assertThat(hv.domain("mia-vm").orElseThrow().active()).isTrue();
        assertThat(lines(up(s))).contains("! network/mia-iso: refuse (belongs to site other (its miniascape mark says"
                + " so); --adopt mia-iso takes it over)");
    }

    @Test
    void aDomainChangedByHandIsRefusedUnlessForced() {
        Site s = siteWithGuest();
        execute(up(s));
        String xml = hv.domainXml("mia-vm", true).replace("<memory unit='KiB'>131072</memory>",
                "<memory unit='KiB'>262144</memory>");
        assertThat(xml).contains("262144");
        hv.defineDomain(xml);
        Plan p = up(s);
        Action d = p.actions().stream().filter(a -> a.id().equals("domain/mia-vm")).findFirst().orElseThrow();
        assertThat(d.type()).isEqualTo(Action.Type.REFUSE);
        assertThat(d.reason()).startsWith("changed by hand since miniascape defined it; --force");
        assertThat(d.diff()).containsExactly("~ memory 256 MiB -> 128 MiB");
        Plan forced = planner(s, new Planner.Options(true, Set.of(), false)).up(Planner.Scope.all(s));
        execute(forced);
        assertNothingToDo(up(s));
    }

    @Test
    void aPoolDefinedButNeverStartedIsTheSitesAndStarted() {
        Site s = siteWithGuest();
        Planner pl = planner(s, Planner.Options.DEFAULT);
        hv.definePool(org.miniascape.xml.PoolXml.render(s.storagePools().get(0),
                java.util.Optional.of(pl.poolUuid("mia-pool"))));
        Plan p = pl.up(Planner.Scope.storage(s, s.guests()));
        assertThat(lines(p).get(0)).isEqualTo("~ pool/mia-pool: update live (build, start, autostart on)");
        assertThat(lines(p).get(1)).isEqualTo("+ volume/mia-pool/mia-vm-disk0.qcow2: create (disk of mia-vm; pool"
                + " mia-pool is not running: created once it is started, unless it is there already (it is the"
                + " site's then))");
        execute(p);
        assertThat(hv.pool("mia-pool").orElseThrow().active()).isTrue();
    }

    @Test
    void downDeletesTheSitesVolumesInAPoolThatIsNotRunning() {
        Site s = siteWithGuest();
        execute(up(s));
        hv.stopDomain("mia-vm");
        hv.stopPool("mia-pool"); // as after a reboot, for a pool without autostart
        Plan p = down(s);
        assertThat(lines(p)).contains("- volume/mia-pool/mia-vm-disk0.qcow2: delete (disk of mia-vm; pool mia-pool is"
                + " not running: deleted (if there) when the pool is started to remove it)");
        Action pool = p.actions().stream().filter(a -> a.id().equals("pool/mia-pool")).findFirst().orElseThrow();
        assertThat(pool.steps()).extracting(Step::text).containsExactly("build", "start",
                "delete volume mia-vm-disk0.qcow2", "delete volume miniascape-applytest.owner", "destroy", "undefine");
        execute(p);
        hv.definePool(org.miniascape.xml.PoolXml.render(s.storagePools().get(0)));
        hv.startPool("mia-pool");
        assertThat(hv.volumes("mia-pool")).isEmpty();
    }

    @Test
    void aMissingBaseImageIsRefusedBeforeAnythingAndAPresentOneIsNeverDeleted() {
        Site s = siteWithGuest("install: {method: none}", "install: {method: import, image: base.qcow2}");
        Plan p = up(s);
        assertThat(lines(p)).contains("! volume/mia-pool/base.qcow2: refuse (the base image of mia-vm is missing"
                + " (pool mia-pool does not exist yet); put the image into pool mia-pool first)");
        assertThat(hv.networks()).isEmpty();

        execute(planner(s, Planner.Options.DEFAULT).up(Planner.Scope.storage(s, List.of())));
        hv.createVolume("mia-pool", "<volume><name>base.qcow2</name><capacity unit='M'>8</capacity>"
                + "<target><format type='qcow2'/></target></volume>");
        Plan again = up(s);
        assertThat(lines(again)).contains("= volume/mia-pool/base.qcow2: none (read only: the base image of mia-vm)");
        execute(again);
        Plan gone = down(s);
        assertThat(lines(gone)).contains("= volume/mia-pool/base.qcow2: none (read only: kept)",
                "- pool/mia-pool: delete (destroy, undefine; its directory stays; the images it only read stay:"
                        + " base.qcow2)");
        Action pool = gone.actions().stream().filter(a -> a.id().equals("pool/mia-pool")).findFirst().orElseThrow();
        assertThat(pool.steps()).extracting(Step::text).doesNotContain("delete volume base.qcow2");
        execute(gone);
    }

    @Test
    void aPoolHoldingVolumesOfOthersIsKept() {
        Site s = siteWithGuest();
        execute(up(s));
        hv.createVolume("mia-pool", "<volume><name>theirs.qcow2</name><capacity unit='M'>8</capacity>"
                + "<target><format type='qcow2'/></target></volume>");
        Plan p = down(s);
        assertThat(lines(p)).contains("= pool/mia-pool: none (kept: it holds volumes that are not the site's:"
                + " theirs.qcow2)");
        execute(p);
        assertThat(hv.volume("mia-pool", "theirs.qcow2")).isPresent();
    }

    @Test
    void preflightConflictsRefuseTheNetworksTheyConcern() {
        hv.defineNetwork("<network><name>other</name><bridge name='mia-iso0'/>"
                + "<ip address='198.51.100.129' netmask='255.255.255.128'><dhcp>"
                + "<host mac='52:54:00:aa:01:10' name='x' ip='198.51.100.130'/></dhcp></ip></network>");
        hv.defineDomain("<domain type='test'><name>stranger</name><memory unit='MiB'>64</memory>"
                + "<os><type>hvm</type></os><devices><interface type='network'><mac address='52:54:00:aa:00:11'/>"
                + "<source network='other'/></interface></devices></domain>");
        Plan p = up(site(SITE));
        assertThat(types(p)).containsExactly(Action.Type.REFUSE, Action.Type.REFUSE);
        assertThat(p.actions().get(0).reason()).startsWith("preflight: ")
                .contains("subnet 198.51.100.0/24 overlaps libvirt network 'other' (198.51.100.128/25)")
                .contains("MAC 52:54:00:aa:00:11 of app is used by domain 'stranger', which is not a guest of this"
                        + " site");
        assertThat(p.actions().get(1).reason()).contains("bridge mia-iso0 is already used by libvirt network 'other'")
                .contains("MAC 52:54:00:aa:01:10 of store is already reserved in libvirt network 'other'");
    }

    /**
     * The test-driver host, except that {@code method} fails: for every object, or (with {@code object}) the
     * first time it is called for that one only.
     */
    Hypervisor failing(String method, String object) {
        AtomicInteger calls = new AtomicInteger();
        return (Hypervisor) java.lang.reflect.Proxy.newProxyInstance(Hypervisor.class.getClassLoader(),
                new Class<?>[] {Hypervisor.class}, (proxy, m, args) -> {
                    if (m.getName().equals(method) && (object == null
                            || object.equals(args[0]) && calls.incrementAndGet() == 1)) {
                        throw MiniascapeException.failed(method + " " + args[0] + ": refused by the test");
                    }
                    try {
                        return m.invoke(hv, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aFailureStopsItsDependentsOnlyAndTheNextRunContinues() {
        Site s = siteWithGuest();
        PlanExecutor.Result r = execute(failing("defineDomain", null), up(s));
        assertThat(r.ok()).isFalse();
        assertThat(r.outcomes()).extracting(o -> o.action().id() + " " + o.status().key()).containsExactly(
                "network/mia-nat done", "network/mia-iso done", "pool/mia-pool done", "domain/mia-vm failed",
                "volume/mia-pool/mia-vm-disk0.qcow2 not-started", "boot/mia-vm not-started");
        assertThat(r.outcomes().get(3).error()).startsWith("define: defineDomain ").endsWith(": refused by the test");
        assertThat(r.outcomes().get(4).error()).isEqualTo("domain mia-vm failed");
        assertThat(r.outcomes().get(5).error()).isEqualTo("domain mia-vm failed");

        Plan again = up(s);
        assertThat(lines(again)).containsExactly(
                "= network/mia-nat: none (the same as the site)",
                "= network/mia-iso: none (the same as the site)",
                "= pool/mia-pool: none (the same as the site)",
                "+ domain/mia-vm: create (not defined)",
                "+ volume/mia-pool/mia-vm-disk0.qcow2: create (disk of mia-vm)",
                "+ boot/mia-vm: create (start: its disk boots as it is)");
        execute(again);
        assertNothingToDo(up(s));
    }

    @Test
    void aStepThatFailsHalfwayThroughAnActionSaysWhichStepsWereDone() {
        Site s = site(SITE);
        PlanExecutor.Result r = execute(failing("startNetwork", "mia-nat"), up(s));
        PlanExecutor.Outcome nat = r.outcomes().get(0);
        assertThat(nat.status()).isEqualTo(PlanExecutor.Status.FAILED);
        assertThat(nat.stepsDone()).containsExactly("define", "autostart on");
        assertThat(nat.error()).isEqualTo("start: startNetwork mia-nat: refused by the test");
        assertThat(r.outcomes().get(1).status()).as("independent").isEqualTo(PlanExecutor.Status.DONE);
        assertThat(lines(up(s)).get(0)).isEqualTo("~ network/mia-nat: update live (start)");
        execute(up(s));
        assertNothingToDo(up(s));
    }

    @Test
    void aPlanWithARefusalIsNeverExecuted() {
        hv.defineNetwork(NetworkXml.render(site(SITE).networks().get(0)));
        Plan p = up(site(SITE));
        assertThat(p.refused()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PlanExecutor(hv, 1).execute(p))
                .isInstanceOf(IllegalStateException.class);
        assertThat(hv.network("mia-iso")).isEmpty();
    }

    /**
     * On a local host that runs guests, a guest with ssh keys is checked on ssh at its address on a network of the
     * site, also while that network does not exist yet (the first up of an empty host): its bridge carries the
     * gateway by the time the guest is waited for. A remote host checks the leases alone.
     */
    @Test
    void sshIsCheckedOnANetworkOfTheSiteThatUpWillCreate() {
        Site s = siteWithGuest("install: {method: none}",
                "install: {method: none}\n    ssh_authorized_keys: [\"ssh-ed25519 AAAAC3Nza test\"]");
        HostReader runsGuests = (HostReader) java.lang.reflect.Proxy.newProxyInstance(
                HostReader.class.getClassLoader(), new Class<?>[] {HostReader.class},
                (proxy, method, args) -> method.getName().equals("runsGuests") ? Boolean.TRUE
                        : method.invoke(hv, args));
        HostProbe localWithoutBridges = new HostProbe() {
            @Override
            public Set<String> interfaces() {
                return Set.of("lo");
            }

            @Override
            public List<Address> addresses() {
                return List.of();
            }

            @Override
            public List<Listener> listeners() {
                return List.of();
            }

            @Override
            public boolean available() {
                return true;
            }
        };
        org.miniascape.model.Guest g = s.guest("mia-vm").orElseThrow();
        Readiness local = new Planner(runsGuests, localWithoutBridges, s, Planner.Options.DEFAULT)
                .readiness(g, java.time.Duration.ofMinutes(1));
        assertThat(local.ssh()).hasValueSatisfying(a -> assertThat(Readiness.address(a)).isEqualTo("198.51.100.20:22"));
        assertThat(local.describe()).contains("ssh on 198.51.100.20:22");
        Readiness remote = new Planner(runsGuests, HostProbe.NONE, s, Planner.Options.DEFAULT)
                .readiness(g, java.time.Duration.ofMinutes(1));
        assertThat(remote.ssh()).isEmpty();
        assertThat(remote.sshNote()).isEqualTo("ssh not checked: none of its addresses is reachable from here");
    }

    /**
     * A site over several hosts: a guest on kvm2 (this machine, shell local) on a network homed on kvm1 is
     * checked on ssh through kvm1's shell (kvm2's bridge of it has no address); a guest on the network's home,
     * this machine, from here.
     */
    @Test
    void onSeveralHostsSshIsCheckedThroughTheShellOfTheNetworksHome() throws Exception {
        Site site = org.miniascape.config.SiteLoader.loadSources(List.of(new org.miniascape.config.ConfigSources
                .Source("site.yml", """
                site: two
                hosts:
                  - {name: kvm1, uri: "qemu+ssh://root@kvm1/system", underlay: 192.0.2.1}
                  - {name: kvm2, uri: "qemu:///system", underlay: 192.0.2.2, shell: local}
                networks:
                  - {name: lan, mode: isolated, home: kvm1, cidr: 198.51.100.0/24}
                  - {name: back, mode: isolated, home: kvm2, cidr: 203.0.113.0/24}
                guests:
                  - name: a
                    host: kvm2
                    install: {method: none}
                    ssh_authorized_keys: ["ssh-ed25519 AAAAC3Nza test"]
                    interfaces: [{network: lan, ip: 198.51.100.10}]
                  - name: b
                    host: kvm2
                    install: {method: none}
                    ssh_authorized_keys: ["ssh-ed25519 AAAAC3Nza test"]
                    interfaces: [{network: back, ip: 203.0.113.10}]
                """)));
        HostReader runsGuests = (HostReader) java.lang.reflect.Proxy.newProxyInstance(
                HostReader.class.getClassLoader(), new Class<?>[] {HostReader.class},
                (proxy, method, args) -> method.getName().equals("runsGuests") ? Boolean.TRUE
                        : method.invoke(hv, args));
        HostProbe here = new HostProbe() {
            public Set<String> interfaces() {
                return Set.of("lo");
            }

            public List<Address> addresses() {
                return List.of();
            }

            public List<Listener> listeners() {
                return List.of();
            }

            public boolean available() {
                return true;
            }
        };
        org.miniascape.exec.Executor exec = new org.miniascape.exec.Executor();
        Map<String, HostShell> shells = Map.of("kvm1", new HostShell("kvm1", List.of("ssh", "root@kvm1"), exec),
                "kvm2", new HostShell("kvm2", List.of(), exec));
        Planner.Slice kvm2 = new Planner.Slice("kvm2", Set.of("lan"), Map.of(), Optional.empty(), Map.of(), shells);
        Planner planner = new Planner(runsGuests, here, HostSet.slice(site, "kvm2"), Planner.Options.DEFAULT,
                Planner.Seeds.NONE, Planner.Installer.NONE, kvm2);

        Readiness a = planner.readiness(site.guest("a").orElseThrow(), java.time.Duration.ofMinutes(1));
        assertThat(a.ssh()).hasValueSatisfying(x -> assertThat(Readiness.address(x)).isEqualTo("198.51.100.10:22"));
        assertThat(a.banner().through()).isEqualTo("kvm1");
        assertThat(a.describe()).isEqualTo("ssh on 198.51.100.10:22 through kvm1");
        // On its network's home, which is this machine: its own socket, as on one host.
        Readiness b = planner.readiness(site.guest("b").orElseThrow(), java.time.Duration.ofMinutes(1));
        assertThat(b.banner()).isSameAs(Readiness.Banner.HERE);
        assertThat(b.describe()).isEqualTo("ssh on 203.0.113.10:22");
    }
}
