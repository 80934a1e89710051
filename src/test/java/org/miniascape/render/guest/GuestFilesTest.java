package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.miniascape.exec.ExecResult;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Network;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;
import org.miniascape.testing.Golden;
import org.miniascape.testing.Tools;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The guest outputs of every scenario: golden files, and each artifact through the real consumer — domain.xml
 * and volume XML through virt-xml-validate and defined on the test driver, scripts through bash -n and
 * shellcheck, vmbuild.sh --dry-run and net_register.sh against a test-driver host, cloud-init files as YAML and
 * user-data through cloud-init's schema.
 */
class GuestFilesTest {

    static Stream<String> scenarios() {
        return GuestScenarios.NAMES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void matchesGoldenFiles(String scenario, @TempDir Path tmp) {
        Path work = GuestTestHost.generate(GuestScenarios.site(scenario), tmp.resolve("work"));
        // networks/ is the network area's: its golden files live there.
        Golden.assertTreeMatches("guests/" + scenario + "/expected/guests", work.resolve("guests"));
        Golden.assertTreeMatches("guests/" + scenario + "/expected/host", work.resolve("host"));
    }

    /** The same scenarios written as YAML and resolved by the loader give the same files. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void configurationFilesGiveTheSameOutputs(String scenario, @TempDir Path tmp) {
        Path config = Golden.RESOURCES.resolve("guests-config");
        Site site = org.miniascape.config.SiteLoader.load(List.of(config.resolve("site.yml").toString(),
                config.resolve(scenario + ".yml").toString()));
        Path work = GuestTestHost.generate(site, tmp.resolve("work"));
        Golden.assertTreeMatches("guests/" + scenario + "/expected/guests", work.resolve("guests"));
        Golden.assertTreeMatches("guests/" + scenario + "/expected/host", work.resolve("host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void domainAndVolumeXmlPassLibvirtSchemaAndDefineOnTheTestDriver(String scenario, @TempDir Path tmp)
            throws IOException {
        Site site = GuestScenarios.site(scenario);
        Path work = GuestTestHost.generate(site, tmp.resolve("work"));
        GuestTestHost host = new GuestTestHost(tmp).write(site);
        StringBuilder session = new StringBuilder();
        for (Guest g : site.guests()) {
            Path guestDir = work.resolve("guests/" + g.name());
            Path domain = guestDir.resolve("domain.xml");
            Tools.virtXmlValidate(domain, "domain");
            try (Stream<Path> volumes = Files.list(guestDir.resolve("volumes"))) {
                for (Path v : volumes.sorted().toList()) {
                    Tools.virtXmlValidate(v, "storagevol");
                    session.append("vol-create default ").append(v).append("; ");
                }
            }
            session.append("define ").append(domain).append("; dumpxml ").append(g.name()).append("; ");
        }
        ExecResult r = Tools.assertSucceeds("virsh", "-c", host.uri(), session.toString());
        for (Guest g : site.guests()) {
            assertThat(r.stdout()).contains("<name>" + g.name() + "</name>");
            for (Nic nic : g.nics()) {
                // The MAC of every interface is exactly the network's reservation for the guest.
                Network net = site.network(nic.network()).orElseThrow();
                assertThat(net.reservations()).anyMatch(res -> res.mac().equals(nic.mac())
                        && res.name().equals(g.name()));
                assertThat(r.stdout()).contains("<mac address='" + nic.mac() + "'/>");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scriptsPassBashAndShellcheck(String scenario, @TempDir Path tmp) throws IOException {
        Path work = GuestTestHost.generate(GuestScenarios.site(scenario), tmp.resolve("work"));
        for (Path script : scripts(work)) {
            String shell = script.getFileName().toString().equals("preseed-late.sh") ? "sh" : "bash";
            Tools.assertSucceeds(shell, "-n", script.toString());
            Tools.assertSucceeds("shellcheck", "-s", shell, script.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void vmbuildDryRunSucceedsAgainstTheTestDriverAndCreatesNothing(String scenario, @TempDir Path tmp)
            throws IOException {
        GuestTestHost host = new GuestTestHost(tmp);
        Site site = withLocalTree(GuestScenarios.site(scenario), host.tree);
        host.write(site);
        Path work = GuestTestHost.generate(site, tmp.resolve("work"));
        for (Guest g : site.guests()) {
            ExecResult r = host.run(work.resolve("guests/" + g.name() + "/vmbuild.sh"), "--dry-run");
            assertThat(r.exitCode()).as("vmbuild.sh --dry-run of %s:\n%s\n%s", g.name(), r.stdout(), r.stderr())
                    .isZero();
            assertThat(r.stdout() + r.stderr()).contains("Dry run completed successfully");
        }
        assertThat(host.virshCalls()).isNotEmpty()
                .noneMatch(call -> call.contains("vol-create") || call.contains("define")
                        || call.contains("net-update"));
        List<String> installs = host.virtInstallCalls().stream().filter(c -> c.contains("--name")).toList();
        assertThat(installs).hasSize(site.guests().size())
                .allMatch(c -> c.startsWith("--connect " + host.uri() + " --dry-run "));
        for (Guest g : site.guests()) {
            assertThat(installs).anyMatch(c -> c.contains("--name " + g.name() + " ")
                    && c.contains("--osinfo " + g.hardware().osVariant()) && c.contains("--noautoconsole")
                    && g.nics().stream().allMatch(n -> c.contains("--network network=" + n.network() + ",mac="
                            + n.mac() + ",model=virtio")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void netRegisterAddsMissingEntriesAndLeavesPresentOnesAlone(String scenario, @TempDir Path tmp)
            throws IOException {
        Site site = GuestScenarios.site(scenario);
        Path work = GuestTestHost.generate(site, tmp.resolve("work"));
        // Networks as generated: every entry is there already (a second run): nothing may change.
        GuestTestHost registered = new GuestTestHost(tmp.resolve("registered"));
        Files.createDirectories(registered.dir);
        registered.write(site);
        // Networks without any guest: every entry must be added.
        GuestTestHost empty = new GuestTestHost(tmp.resolve("empty"));
        Files.createDirectories(empty.dir);
        empty.write(site, GuestScenarios.site(List.of()).networks().stream()
                .map(org.miniascape.xml.NetworkXml::render).toList());
        for (Guest g : site.guests()) {
            Path script = work.resolve("guests/" + g.name() + "/net_register.sh");
            ExecResult again = registered.run(script);
            assertThat(again.exitCode()).as(again.stderr()).isZero();
            assertThat(again.stdout()).doesNotContain("added").contains("present");
            ExecResult first = empty.run(script);
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout()).contains("ip-dhcp-host <host mac=\"" + g.nics().get(0).mac() + "\"")
                    .contains("added").doesNotContain("present");
        }
        assertThat(registered.virshCalls()).noneMatch(c -> c.contains("net-update"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void cloudInitFilesAreYamlWithEveryInterfaceByMac(String scenario, @TempDir Path tmp) throws IOException {
        Site site = GuestScenarios.site(scenario);
        Path work = GuestTestHost.generate(site, tmp.resolve("work"));
        for (Guest g : site.guests()) {
            Path ci = work.resolve("guests/" + g.name() + "/cloud-init");
            if (g.install().method() != Install.Method.CLOUD_INIT) {
                assertThat(ci).doesNotExist();
                continue;
            }
            String userData = Files.readString(ci.resolve("user-data"));
            assertThat(userData).startsWith("#cloud-config\n");
            org.miniascape.testing.ArtifactChecks.checkCloudConfig(ci.resolve("user-data"));
            Map<?, ?> user = (Map<?, ?>) yaml(userData);
            assertThat(user.get("hostname")).isEqualTo(g.name());
            assertThat(user.get("timezone")).isEqualTo(g.localization().timezone().orElse(null));
            // cloud-init's own schema of the modules the file configures (ntp, chpasswd, users ...)
            org.miniascape.testing.Tools.assertSucceeds("cloud-init", "schema", "-c", ci.resolve("user-data").toString());
            Object ntp = user.get("ntp");
            if (g.localization().ntpServers().isEmpty()) {
                assertThat(ntp).isNull();
            } else {
                assertThat(((Map<?, ?>) ntp).get("servers")).isEqualTo(g.localization().ntpServers());
            }
            Map<?, ?> meta = (Map<?, ?>) yaml(Files.readString(ci.resolve("meta-data")));
            assertThat(meta.get("instance-id")).isEqualTo(g.name());
            Map<?, ?> net = (Map<?, ?>) yaml(Files.readString(ci.resolve("network-config")));
            assertThat(net.get("version")).isEqualTo(2);
            Map<?, ?> ethernets = (Map<?, ?>) net.get("ethernets");
            List<String> macs = new ArrayList<>();
            for (Object e : ethernets.values()) {
                macs.add((String) ((Map<?, ?>) ((Map<?, ?>) e).get("match")).get("macaddress"));
            }
            assertThat(macs).containsExactlyElementsOf(g.nics().stream().map(n -> n.mac().toString()).toList());
        }
    }

    /** Other architectures: libvirt's schema takes them; arm guests get UEFI, x86-only devices stay out. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"aarch64", "ppc64le", "s390x", "i686"})
    void otherArchitecturesGiveValidDomains(String arch, @TempDir Path tmp) throws IOException {
        GuestScenarios.GuestBuilder b = GuestScenarios.guest("arch-1").disk("default", 10, "virtio", "qcow2", "none")
                .nic("net-1", "52:54:00:05:01:c1", "198.51.100.193");
        b.arch = arch;
        Path work = GuestTestHost.generate(GuestScenarios.site(List.of(b.build())), tmp.resolve("work"));
        Path domain = work.resolve("guests/arch-1/domain.xml");
        Tools.virtXmlValidate(domain, "domain");
        String xml = Files.readString(domain);
        assertThat(xml).contains("<type arch=\"" + arch + "\">hvm</type>");
        if (arch.equals("aarch64")) {
            assertThat(xml).contains("<os firmware=\"efi\">");
        }
        if (!arch.equals("i686")) {
            assertThat(xml).doesNotContain("vmport", "timer name=\"pit\"", "useserial");
        }
    }

    @org.junit.jupiter.api.Test
    void scriptsRefuseUnknownArguments(@TempDir Path tmp) throws IOException {
        GuestTestHost host = new GuestTestHost(tmp);
        Site site = GuestScenarios.site("rhel9-kickstart");
        host.write(site);
        Path work = GuestTestHost.generate(site, tmp.resolve("work"));
        ExecResult vm = host.run(work.resolve("guests/rhel9-1/vmbuild.sh"), "--dryrun");
        assertThat(vm.exitCode()).isEqualTo(2);
        assertThat(vm.stderr()).contains("usage: ").contains("[--dry-run]");
        ExecResult reg = host.run(work.resolve("guests/rhel9-1/net_register.sh"), "extra");
        assertThat(reg.exitCode()).isEqualTo(2);
        assertThat(host.virshCalls()).isEmpty();
        assertThat(host.virtInstallCalls()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void anOsVariantUnknownToThisHostFallsBackToDetection(@TempDir Path tmp) throws IOException {
        GuestTestHost host = new GuestTestHost(tmp);
        Site site = GuestScenarios.site(List.of(GuestScenarios.guest("future-1").os("rhel99.1")
                .disk("default", 10, "virtio", "qcow2", "none")
                .nic("net-1", "52:54:00:05:01:81", "198.51.100.81")
                .install(Install.Method.KICKSTART, host.tree.toString(), null).build()));
        host.write(site);
        Path work = GuestTestHost.generate(site, tmp.resolve("work"));
        ExecResult r = host.run(work.resolve("guests/future-1/vmbuild.sh"), "--dry-run");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("does not know 'rhel99.1': using --osinfo detect=on,require=off");
    }

    @org.junit.jupiter.api.Test
    void kickstartFromAnIsoReadsPackagesFromIt(@TempDir Path tmp) throws IOException {
        Guest g = GuestScenarios.guest("iso-1").disk("default", 10, "virtio", "qcow2", "none")
                .nic("net-1", "52:54:00:05:01:82", "198.51.100.82").build();
        Guest iso = new Guest(g.name(), g.group(), g.description(), g.hardware(), g.localization(), g.access(),
                g.software(), g.disks(), g.nics(), new Install(Install.Method.KICKSTART, Optional.empty(),
                Optional.empty(), Optional.of("/srv/iso/rhel-9.0-x86_64-dvd.iso"), Optional.empty()),
                g.templates(), g.settings(), g.origin());
        Path work = GuestTestHost.generate(GuestScenarios.site(List.of(iso)), tmp.resolve("work"));
        assertThat(Files.readAllLines(work.resolve("guests/iso-1/ks.cfg"))).contains("cdrom")
                .noneMatch(l -> l.startsWith("url "));
        assertThat(Files.readString(work.resolve("guests/iso-1/vmbuild.sh")))
                .contains("--location /srv/iso/rhel-9.0-x86_64-dvd.iso\n", "--initrd-inject \"$here\"/ks.cfg");
    }

    @org.junit.jupiter.api.Test
    void anIsoGivenAsLocationIsAttachedAsACdromNotServedAsATree(@TempDir Path tmp) throws IOException {
        Guest iso = GuestScenarios.guest("iso-2").disk("default", 10, "virtio", "qcow2", "none")
                .nic("net-1", "52:54:00:05:01:83", "198.51.100.83")
                .install(Install.Method.KICKSTART, "/srv/iso/AlmaLinux-9.4-x86_64-dvd.ISO", null).build();
        Guest deb = GuestScenarios.guest("iso-3").disk("default", 10, "virtio", "qcow2", "none")
                .nic("net-1", "52:54:00:05:01:84", "198.51.100.84")
                .install(Install.Method.PRESEED, "/srv/iso/debian-12.5.0-amd64-DVD-1.iso", null).build();
        Path work = GuestTestHost.generate(GuestScenarios.site(List.of(iso, deb)), tmp.resolve("work"));
        assertThat(Files.readAllLines(work.resolve("guests/iso-2/ks.cfg"))).contains("cdrom")
                .noneMatch(l -> l.startsWith("url "));
        assertThat(Files.readString(work.resolve("guests/iso-2/vmbuild.sh")))
                .contains("--location /srv/iso/AlmaLinux-9.4-x86_64-dvd.ISO\n");
        assertThat(Files.readString(work.resolve("guests/iso-3/preseed.cfg")))
                .doesNotContain("mirror/http/hostname", "/miniascape/trees/");
        try (var files = Files.walk(work.resolve("host"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(".iso", ".ISO");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void everyFileAnInstallFileRefersToIsInjectedIntoTheInstallerInitrd(@TempDir Path tmp) throws IOException {
        Path work = GuestTestHost.generate(GuestScenarios.site("debian-preseed"), tmp.resolve("work"));
        String preseed = Files.readString(work.resolve("guests/debian-1/preseed.cfg"));
        String vmbuild = Files.readString(work.resolve("guests/debian-1/vmbuild.sh"));
        assertThat(preseed).contains("cp /preseed-late.sh /target/root/miniascape-late.sh");
        assertThat(vmbuild).contains("--initrd-inject \"$here\"/preseed.cfg\n",
                "--initrd-inject \"$here\"/preseed-late.sh\n");
    }

    static Object yaml(String text) {
        return new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    static List<Path> scripts(Path work) throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
    }

    /** The scenario with every install tree replaced by the test's local tree (virt-install reads it). */
    static Site withLocalTree(Site site, Path tree) {
        List<Guest> guests = new ArrayList<>();
        for (Guest g : site.guests()) {
            Install i = g.install();
            Install local = i.location().isPresent()
                    ? new Install(i.method(), Optional.of(tree.toString()), i.image(), i.cdrom(), i.extraArgs()) : i;
            guests.add(new Guest(g.name(), g.group(), g.description(), g.hardware(), g.localization(), g.access(),
                    g.software(), g.disks(), g.nics(), local, g.templates(), g.settings(), g.origin()));
        }
        return GuestScenarios.site(guests);
    }
}
