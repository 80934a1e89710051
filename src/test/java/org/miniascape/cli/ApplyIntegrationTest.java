package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.exec.ExecResult;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.testing.LibvirtSandbox;

/**
 * End to end on a real libvirtd in its own network namespace. The CLI runs as its own process inside that
 * namespace, as it would on the libvirt host, so preflight sees the sandbox's interfaces and sockets.
 */
@Tag("integration")
class ApplyIntegrationTest {
    @RegisterExtension
    static final LibvirtSandbox LIBVIRT = new LibvirtSandbox();

    static final String WEB_MAC = "52:54:00:aa:00:10";
    static final String APP_MAC = "52:54:00:aa:00:11";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** miniascape ARGS -C site files --connect sandbox, in the sandbox's namespace. */
    Run cli(List<Path> config, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        for (Path c : config) {
            argv.add("-C");
            argv.add(c.toString());
        }
        argv.add("--connect");
        argv.add(LIBVIRT.uri());
        ExecResult r = LIBVIRT.miniascape(Duration.ofMinutes(2), argv);
        return new Run(r.exitCode(), r.stdout(), r.stderr());
    }

    List<Path> site(String edit) throws IOException {
        Path site = dir.resolve("site.yml");
        Path guests = dir.resolve("guests.yml");
        String base = Files.readString(Path.of("src/test/resources/apply/site.yml"));
        Files.writeString(site, edit == null ? base : base.replace("ip: 198.51.100.11}", "ip: 198.51.100.12}")
                + "      - {name: fresh, mac: \"52:54:00:aa:00:30\", ip: 198.51.100.30}\n");
        // The new host goes into mia-iso's list by position: move it under mia-nat's hosts instead.
        if (edit != null) {
            String text = Files.readString(site).replace(
                    "      - {name: fresh, mac: \"52:54:00:aa:00:30\", ip: 198.51.100.30}\n", "");
            text = text.replace("      - {name: app, mac: \"52:54:00:aa:00:11\", ip: 198.51.100.12}\n",
                    "      - {name: app, mac: \"52:54:00:aa:00:11\", ip: 198.51.100.12}\n"
                            + "      - {name: fresh, mac: \"52:54:00:aa:00:30\", ip: 198.51.100.30}\n");
            Files.writeString(site, text);
        }
        Files.writeString(guests, Files.readString(Path.of("src/test/resources/apply/site-guests.yml"))
                .replace("@POOL@", dir.resolve("pool").toString()));
        return List.of(site, guests);
    }

    @Test
    void upServesReservationsUpdatesLiveIsIdempotentAndDownLeavesNothing() throws Exception {
        List<Path> site = site(null);
        Run up = cli(site, "up");
        assertThat(up.exit()).as(up.out() + up.err()).isZero();
        // Looking up absent objects raised libvirt errors: its default handler would have printed them. Beside the
        // site line, stderr has the guest's progress only.
        assertThat(up.err()).isEqualTo("miniascape: site applytest (" + site.get(0) + ", " + site.get(1) + ") on "
                + LIBVIRT.uri() + "\nguest mia-vm: started\n");
        assertThat(up.out()).contains(
                "+ network mia-nat: create (not defined)",
                "Plan: 6 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy",
                "network mia-nat: created (define, autostart on, start)",
                "pool mia-pool: created (define, build, autostart on, start)",
                "domain mia-vm: created (define)",
                "volume mia-pool/mia-vm-disk0.qcow2: created (create volume mia-vm-disk0.qcow2)",
                "boot mia-vm: created (start)",
                "Applied: 6 changes");
        try {
            // The TCG guest's NIC is on the network's bridge.
            assertThat(LIBVIRT.inNamespace("ip", "-o", "link", "show", "master", "mia-nat0").stdout()).contains("vnet");
            assertThat(Files.exists(dir.resolve("pool/mia-vm-disk0.qcow2"))).isTrue();

            LibvirtSandbox.Client web = LIBVIRT.client("mia-nat0", WEB_MAC);
            assertThat(web.dhcp()).isEqualTo("198.51.100.10");
            assertThat(web.dig("198.51.100.1", "web.apply.test")).isEqualTo("198.51.100.10");
            assertThat(web.dig("198.51.100.1", "db.apply.test")).isEqualTo("198.51.100.5");
            long dnsmasq = LIBVIRT.dnsmasqPid("mia-nat").orElseThrow();
            long qemu = LIBVIRT.qemuPid("mia-vm").orElseThrow();

            Run list = cli(site, "net", "list", "--output", "json");
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).contains("\"mac\" : \"" + WEB_MAC + "\"", "\"ip\" : \"198.51.100.10\"",
                    "\"sync\" : \"in-sync\"");

            List<Path> changed = site("move app, add fresh");
            Run update = cli(changed, "net", "update", "mia-nat");
            assertThat(update.exit()).as(update.out() + update.err()).isZero();
            assertThat(update.out()).startsWith("~ network mia-nat: update live (");
            assertThat(update.out()).contains("network mia-nat: updated live (");
            assertThat(LIBVIRT.dnsmasqPid("mia-nat")).hasValue(dnsmasq);
            LibvirtSandbox.Client app = LIBVIRT.client("mia-nat0", APP_MAC);
            assertThat(app.dhcp()).isEqualTo("198.51.100.12");
            assertThat(app.dig("198.51.100.1", "fresh.apply.test")).isEqualTo("198.51.100.30");
            assertThat(app.dig("198.51.100.1", "app.apply.test")).isEqualTo("198.51.100.12");

            Run again = cli(changed, "up");
            assertThat(again.exit()).as(again.err()).isZero();
            assertThat(again.out()).contains("= network mia-nat: none (the same as the site)",
                    "= domain mia-vm: none (the same as the site)", "= boot mia-vm: none (running)")
                    .endsWith("\nPlan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy\n");
            assertThat(LIBVIRT.dnsmasqPid("mia-nat")).hasValue(dnsmasq);
            assertThat(LIBVIRT.qemuPid("mia-vm")).hasValue(qemu);

            // A change beyond hosts: refused with a diff, then forced (naming the running guest on it).
            Path routed = dir.resolve("routed.yml");
            Files.writeString(routed, Files.readString(changed.get(0)).replaceFirst("mode: nat", "mode: route"));
            Run drift = cli(List.of(routed, changed.get(1)), "net", "register", "mia-nat");
            assertThat(drift.exit()).isEqualTo(3);
            assertThat(drift.out()).contains("! network mia-nat: refuse (differs beyond DHCP/DNS hosts; --force"
                    + " redefines and restarts it, cutting off running guests mia-vm)",
                    "    - " + "  <forward mode='nat'/>", "    + " + "  <forward mode='route'/>");
            assertThat(drift.err()).contains("miniascape: nothing was changed: 1 refused:");
            assertThat(LIBVIRT.dnsmasqPid("mia-nat")).hasValue(dnsmasq);
            Run forced = cli(List.of(routed, changed.get(1)), "net", "register", "mia-nat", "--force");
            assertThat(forced.exit()).as(forced.out() + forced.err()).isZero();
            assertThat(forced.out()).contains("-/+ network mia-nat: replace (differs beyond DHCP/DNS hosts; restarted,"
                    + " cutting off running guests mia-vm)", "network mia-nat: replaced (destroy, define, autostart on,"
                    + " start)");
            assertThat(LIBVIRT.dnsmasqPid("mia-nat").orElseThrow()).isNotEqualTo(dnsmasq);
        } finally {
            Run down = cli(site, "down", "--yes");
            assertThat(down.exit()).as(down.out() + down.err()).isZero();
        }
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            assertThat(hv.domains()).isEmpty();
            assertThat(hv.networks()).isEmpty();
            assertThat(hv.pools()).isEmpty();
        }
        assertThat(LIBVIRT.inNamespace("ip", "-o", "link", "show").stdout()).doesNotContain("mia-nat0", "vnet");
    }

    @Test
    void preflightRefusesAndChangesNothing() throws Exception {
        List<Path> site = site(null);
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            // An overlapping network defined beforehand.
            hv.defineNetwork("<network><name>other</name><bridge name='other0'/>"
                    + "<ip address='198.51.100.129' netmask='255.255.255.128'/></network>");
            Run overlap = cli(site, "net", "register", "mia-nat");
            assertThat(overlap.exit()).isEqualTo(3);
            assertThat(overlap.err()).contains("subnet 198.51.100.0/24 overlaps libvirt network 'other'")
                    .doesNotContain("libvirt:");
            hv.undefineNetwork("other");

            // A MAC already reserved by another network.
            hv.defineNetwork("<network><name>other</name><bridge name='other0'/>"
                    + "<ip address='203.0.113.1' netmask='255.255.255.0'><dhcp>"
                    + "<host mac='" + WEB_MAC + "' name='theirs' ip='203.0.113.50'/></dhcp></ip></network>");
            Run mac = cli(site, "net", "register", "mia-nat");
            assertThat(mac.exit()).isEqualTo(3);
            assertThat(mac.err()).contains("MAC " + WEB_MAC + " of web is already reserved in libvirt network 'other'");
            hv.undefineNetwork("other");

            // A bridge name taken by a host interface, and an address of the subnet on another one.
            // (veth pairs: the dummy module is not always there)
            LIBVIRT.inNamespace("ip", "link", "add", "mia-nat0", "type", "veth", "peer", "name", "mia-nat0p");
            LIBVIRT.inNamespace("ip", "link", "add", "mia-dummy", "type", "veth", "peer", "name", "mia-dummyp");
            LIBVIRT.inNamespace("ip", "addr", "add", "198.51.100.77/24", "dev", "mia-dummy");
            Run host = cli(site, "net", "register", "mia-nat");
            LIBVIRT.inNamespace("ip", "link", "del", "mia-nat0");
            LIBVIRT.inNamespace("ip", "link", "del", "mia-dummy");
            assertThat(host.exit()).isEqualTo(3);
            assertThat(host.err()).contains("bridge mia-nat0 already exists on the host and is not this network's",
                    "subnet 198.51.100.0/24 overlaps address 198.51.100.77/24 on host interface mia-dummy");

            assertThat(hv.networks()).isEmpty();
        }
    }

    @Test
    void preflightRefusesABoundDnsPortForTheStandaloneDnsmasqBackend() throws Exception {
        List<Path> site = site(null);
        Path backend = dir.resolve("backend.yml");
        Files.writeString(backend, Files.readString(site.get(0)).replace("    bridge: mia-iso0\n",
                "    bridge: mia-iso0\n    dhcp_backend: dnsmasq\n"));
        // Something else holding UDP port 53 on every address of the host (as a host dnsmasq or resolver would).
        Process holder = new ProcessBuilder("ip", "netns", "exec", LIBVIRT.namespace(), "python3", "-c",
                "import socket, sys, time\n"
                        + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                        + "s.bind(('0.0.0.0', 53))\n"
                        + "print('bound', flush=True)\n"
                        + "time.sleep(120)\n").redirectErrorStream(true).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("bound\n");
            Run r = cli(List.of(backend), "net", "register", "mia-iso");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            assertThat(r.err()).contains("network mia-iso: preflight: udp port 53 is already bound on 0.0.0.0",
                    "dnsmasq for this network could not start");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            assertThat(hv.networks()).isEmpty();
        }
    }

    @Test
    void preflightRefusesABoundDnsPortForLibvirtsOwnDnsmasqAndAForcedRestartIsNoConflictWithItself()
            throws Exception {
        List<Path> site = site(null);
        // Something holding UDP port 53 on every address: libvirt's dnsmasq for the network could not bind the
        // gateway ("failed to bind listening socket ... Address already in use") and the network would not start.
        Process holder = new ProcessBuilder("ip", "netns", "exec", LIBVIRT.namespace(), "python3", "-c",
                "import socket, sys, time\n"
                        + "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                        + "s.bind(('0.0.0.0', 53))\n"
                        + "print('bound', flush=True)\n"
                        + "time.sleep(120)\n").redirectErrorStream(true).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("bound\n");
            Run r = cli(site, "net", "register", "mia-iso");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
            assertThat(r.err()).contains("network mia-iso: preflight: udp port 53 is already bound on 0.0.0.0");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            assertThat(hv.networks()).isEmpty();
        }
        // The network's own dnsmasq (gateway:53, its bridge's :67) does not stand in the way of its restart.
        assertThat(cli(site, "net", "register", "mia-iso").exit()).isZero();
        try {
            Path open = dir.resolve("iso-open.yml");
            Files.writeString(open, Files.readString(site.get(0)).replace("mode: isolated", "mode: open"));
            Run forced = cli(List.of(open), "net", "register", "mia-iso", "--force");
            assertThat(forced.exit()).as(forced.out() + forced.err()).isZero();
            assertThat(forced.out()).contains("network mia-iso: replaced");
        } finally {
            assertThat(cli(site, "net", "unregister", "mia-iso").exit()).isZero();
        }
    }

    @Test
    void anIpv6OnlyDnsListenerIsNoConflict() throws Exception {
        List<Path> site = site(null);
        // As named's listen-on-v6 { any; }: [::]:53 with IPV6_V6ONLY takes no IPv4 address.
        Process holder = new ProcessBuilder("ip", "netns", "exec", LIBVIRT.namespace(), "python3", "-c",
                "import socket, sys, time\n"
                        + "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\n"
                        + "s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)\n"
                        + "s.bind(('::', 53))\n"
                        + "print('bound', flush=True)\n"
                        + "time.sleep(120)\n").redirectErrorStream(true).start();
        try {
            assertThat(new String(holder.getInputStream().readNBytes(6))).isEqualTo("bound\n");
            assertThat(LIBVIRT.inNamespace("ss", "-H", "-lnu").stdout()).contains("[::]:53");
            Run r = cli(site, "net", "register", "mia-iso");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
        } finally {
            holder.destroy();
            holder.waitFor();
            assertThat(cli(site, "net", "unregister", "mia-iso").exit()).isZero();
        }
    }

    @Test
    void anotherNetworksDnsmasqDhcpSocketIsNoConflictForTheStandaloneDnsmasqBackend() throws Exception {
        List<Path> site = site(null);
        Path backend = dir.resolve("backend.yml");
        Files.writeString(backend, Files.readString(site.get(0)).replace("    bridge: mia-iso0\n",
                "    bridge: mia-iso0\n    dhcp_backend: dnsmasq\n"));
        // mia-nat's dnsmasq (libvirt's) holds UDP 0.0.0.0%mia-nat0:67: bound to its own bridge, as every
        // dnsmasq of a libvirt network is; it takes no DHCP packet from another bridge.
        assertThat(cli(List.of(backend), "net", "register", "mia-nat").exit()).isZero();
        try {
            assertThat(LIBVIRT.inNamespace("ss", "-H", "-lnu").stdout()).contains("0.0.0.0%mia-nat0:67");
            Run r = cli(List.of(backend), "net", "register", "mia-iso");
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("network mia-iso: created");
        } finally {
            assertThat(cli(List.of(backend), "net", "unregister", "--all").exit()).isZero();
        }
    }

    @Test
    void aReservedAddressStillLeasedToAnotherClientIsReported() throws Exception {
        List<Path> site = site(null);
        Run register = cli(site, "net", "register", "mia-nat");
        assertThat(register.exit()).as(register.out() + register.err()).isZero();
        try {
            assertThat(LIBVIRT.client("mia-nat0", WEB_MAC).dhcp()).isEqualTo("198.51.100.10");
            // web moves to .13 and app takes web's old address, which web still holds a lease on.
            Path swapped = dir.resolve("swapped.yml");
            Files.writeString(swapped, Files.readString(site.get(0))
                    .replace("mac: \"52:54:00:aa:00:10\", ip: 198.51.100.10}", "mac: \"52:54:00:aa:00:10\", ip: 198.51.100.13}")
                    .replace("mac: \"52:54:00:aa:00:11\", ip: 198.51.100.11}", "mac: \"52:54:00:aa:00:11\", ip: 198.51.100.10}"));
            Run update = cli(List.of(swapped), "net", "update", "mia-nat");
            assertThat(update.exit()).as(update.out() + update.err()).isZero();
            assertThat(update.out()).contains("network mia-nat: updated live (",
                    "    ! 198.51.100.10 is reserved for " + APP_MAC + " but leased to " + WEB_MAC + " until ");
        } finally {
            assertThat(cli(site, "net", "unregister", "mia-nat").exit()).isZero();
        }
    }

    @Test
    void aRunningNetworkThatDiffersFromItsConfigIsBroughtToTheSiteOnBothSides() throws Exception {
        List<Path> site = site(null);
        assertThat(cli(site, "net", "register", "mia-iso").exit()).isZero();
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            String stray = "<host mac='52:54:00:aa:01:99' name='stray' ip='203.0.113.99'/>";
            hv.updateNetwork("mia-iso", org.miniascape.libvirt.NetworkUpdate.of(
                    org.miniascape.libvirt.NetworkUpdate.Command.ADD_LAST,
                    org.miniascape.libvirt.NetworkUpdate.Section.IP_DHCP_HOST, stray)
                    .in(org.miniascape.libvirt.NetworkUpdate.Scope.CONFIG));
            assertThat(hv.networkXml("mia-iso", true)).contains("stray");
            assertThat(hv.networkXml("mia-iso", false)).doesNotContain("stray");

            Run update = cli(site, "net", "update", "mia-iso");
            assertThat(update.exit()).as(update.out() + update.err()).isZero();
            assertThat(update.out()).startsWith("~ network mia-iso: update live (1 DHCP host change; its config and"
                    + " the running network differed, each brought to the site)");
            assertThat(hv.networkXml("mia-iso", true)).doesNotContain("stray");
            assertThat(cli(site, "net", "update", "mia-iso").out()).startsWith("= network mia-iso: none");

            // The config redefined as the site now wants it, but the running network not restarted.
            Path routed = dir.resolve("iso-open.yml");
            Files.writeString(routed, Files.readString(site.get(0)).replace("mode: isolated", "mode: open"));
            String openXml = hv.networkXml("mia-iso", true).replace("<bridge", "<forward mode='open'/><bridge");
            hv.defineNetwork(openXml);
            Run pending = cli(List.of(routed), "net", "update", "mia-iso");
            assertThat(pending.exit()).isEqualTo(3);
            assertThat(pending.out()).contains("(the running network differs from its config, which matches the site:"
                    + " it needs a restart)", "+ " + "  <forward mode='open'/>");
            assertThat(cli(List.of(routed), "net", "update", "mia-iso", "--force").exit()).isZero();
            assertThat(cli(List.of(routed), "net", "update", "mia-iso").out()).startsWith("= network mia-iso: none");
        } finally {
            assertThat(cli(site, "net", "unregister", "mia-iso").exit()).isZero();
        }
    }

    /** A site whose every object has a look-alike on the host: same names, not created for this site. */
    static final String LOOKALIKE_SITE = """
            site: lookalike
            domain: lookalike.test
            storage_pools:
              - {name: lab, type: dir, path: "@POOL@"}
            networks:
              - {name: default, mode: nat, bridge: mia-def0, cidr: 198.51.100.0/25}
              - {name: lan, mode: isolated, bridge: mia-lan0, cidr: 198.51.100.128/25}
            guests:
              - name: web-1
                memory: 128
                virt_type: qemu
                console: {serial: true}
                disks: [{pool: lab, size: 1}]
                interfaces: [{network: default, mac: "52:54:00:aa:02:01", ip: 198.51.100.21}]
                install: {method: none}
            """;

    /** Everything libvirt says of the look-alikes, to compare before and after. */
    static List<String> snapshot(Hypervisor hv) {
        // Listing refreshes the pool first: libvirt fills in what it reads of an image then (its cluster size).
        // Sizes and times are the running guest's to change.
        String volumes = String.join(",", hv.volumes("lab").stream().map(org.miniascape.libvirt.VolumeStatus::name)
                .toList());
        return List.of(hv.networkXml("default", true), hv.networkXml("default", false), hv.networkXml("lan", true),
                hv.poolXml("lab").replaceAll("<(allocation|available|capacity) unit='bytes'>\\d+<", "<$1><"),
                hv.volumeXml("lab", "web-1-disk0.qcow2").replaceAll("(?s)<timestamps>.*</timestamps>", "")
                        .replaceAll("<(allocation|physical) unit='bytes'>\\d+<", "<$1><"),
                hv.domainXml("web-1", true), hv.domain("web-1").orElseThrow().state().key(), volumes);
    }

    /** Whatever a failed test left, so that the next one starts from an empty host. */
    static void clear(Hypervisor hv) {
        for (var d : hv.domains()) {
            if (d.active()) {
                hv.stopDomain(d.name());
            }
            hv.undefineDomain(d.name());
        }
        for (var n : hv.networks()) {
            if (n.active()) {
                hv.stopNetwork(n.name());
            }
            if (n.persistent()) {
                hv.undefineNetwork(n.name());
            }
        }
        for (var p : hv.pools()) {
            if (p.active()) {
                for (var v : hv.volumes(p.name())) {
                    hv.deleteVolume(p.name(), v.name());
                }
                hv.stopPool(p.name());
            }
            if (p.persistent()) {
                hv.undefinePool(p.name());
            }
        }
    }

    @Test
    void lookAlikesAreRefusedByUpLeftExactlyAsTheyWereByDownAndTakenOverOnlyWhenAdopted() throws Exception {
        Path site = dir.resolve("lookalike.yml");
        Files.writeString(site, LOOKALIKE_SITE.replace("@POOL@", dir.resolve("pool").toString()));
        try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
            // The host's own: a default network on another subnet, a pool at the site's path holding a volume of
            // the site's disk name, and a running domain of the site's guest name; another site's lan network.
            hv.defineNetwork("<network><name>default</name><forward mode='nat'/><bridge name='virbr0'/>"
                    + "<ip address='203.0.113.1' netmask='255.255.255.128'/></network>");
            hv.startNetwork("default");
            org.miniascape.model.Site other = org.miniascape.config.SiteLoader.loadSources(List.of(
                    new org.miniascape.config.ConfigSources.Source("other.yml", "site: other\nnetworks:\n"
                            + "  - {name: lan, mode: isolated, bridge: mia-oth0, cidr: 203.0.113.128/25}\n")));
            hv.defineNetwork(new org.miniascape.libvirt.Planner(hv, org.miniascape.libvirt.HostProbe.NONE, other,
                    org.miniascape.libvirt.Planner.Options.DEFAULT).markedNetworkXml(other.networks().get(0)));
            hv.definePool("<pool type='dir'><name>lab</name><target><path>" + dir.resolve("pool")
                    + "</path></target></pool>");
            hv.buildPool("lab");
            hv.startPool("lab");
            hv.createVolume("lab", "<volume><name>web-1-disk0.qcow2</name><capacity unit='M'>64</capacity>"
                    + "<target><format type='qcow2'/></target></volume>");
            hv.defineDomain("<domain type='qemu'><name>web-1</name><memory unit='MiB'>64</memory>"
                    + "<os><type arch='x86_64'>hvm</type></os><devices><disk type='volume' device='disk'>"
                    + "<driver name='qemu' type='qcow2'/><source pool='lab' volume='web-1-disk0.qcow2'/>"
                    + "<target dev='vda' bus='virtio'/></disk><interface type='network'>"
                    + "<mac address='52:54:00:aa:02:99'/><source network='default'/></interface>"
                    + "<serial type='pty'/></devices></domain>");
            hv.startDomain("web-1");
            List<String> before = snapshot(hv);

            Run up = cli(List.of(site), "up");
            assertThat(up.exit()).as(up.out() + up.err()).isEqualTo(3);
            assertThat(up.out()).contains(
                    "! network default: refuse (not created by miniascape for this site (it has no miniascape mark);"
                            + " --adopt default takes it over)",
                    "! network lan: refuse (belongs to site other (its miniascape mark says so); --adopt lan takes it"
                            + " over)",
                    "! pool lab: refuse (not created by miniascape for this site (it has no miniascape mark); --adopt"
                            + " lab takes it over)",
                    "! domain web-1: refuse (not created by miniascape for this site (it has no miniascape mark);"
                            + " --adopt web-1 takes it over)",
                    "! volume lab/web-1-disk0.qcow2: refuse (exists, but no domain of site lookalike records it as"
                            + " its own; --adopt lab/web-1-disk0.qcow2 takes it over (with 'up' or 'guest define'))");
            assertThat(up.err()).contains("miniascape: nothing was changed: 6 refused:");
            assertThat(snapshot(hv)).isEqualTo(before);

            Run down = cli(List.of(site), "down", "--yes");
            assertThat(down.exit()).as(down.out() + down.err()).isZero();
            assertThat(down.out()).contains(
                    "= domain web-1: none (left alone: not created by miniascape for this site (no miniascape mark))",
                    "= volume lab/web-1-disk0.qcow2: none (left alone: no domain of site lookalike records it as its"
                            + " own)",
                    "= pool lab: none (left alone: not created by miniascape for this site (no miniascape mark))",
                    "= network default: none (left alone: not created by miniascape for this site (no miniascape"
                            + " mark))",
                    "= network lan: none (left alone: it belongs to site other)")
                    .endsWith("Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy\n");
            assertThat(snapshot(hv)).isEqualTo(before);

            // Taken over by name: the running default network on another subnet is replaced (--force), the
            // others redefined or marked.
            Run adopt = cli(List.of(site), "up", "--adopt", "default", "--adopt", "lan", "--adopt", "lab",
                    "--adopt", "web-1", "--adopt", "lab/web-1-disk0.qcow2", "--force");
            assertThat(adopt.exit()).as(adopt.out() + adopt.err()).isZero();
            assertThat(adopt.out()).contains("-/+ network default: replace (adopted (no miniascape mark): its mark"
                    + " is written; differs beyond DHCP/DNS hosts; restarted, cutting off running guests web-1)",
                    "~ pool lab: update live (adopted (no miniascape mark): create volume miniascape-lookalike.owner,"
                            + " autostart on)",
                    "~ domain web-1: redefine (adopted (no miniascape mark): its mark is written; takes effect at its"
                            + " next boot)",
                    "= volume lab/web-1-disk0.qcow2: none (adopted: recorded in the mark of domain web-1)");
            assertThat(org.miniascape.xml.OwnerMark.read(hv.networkXml("default", true))).get()
                    .extracting(org.miniascape.xml.OwnerMark::site).isEqualTo("lookalike");
            Run again = cli(List.of(site), "up");
            assertThat(again.exit()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).endsWith("Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace,"
                    + " 0 to destroy\n");

            Run gone = cli(List.of(site), "down", "--yes");
            assertThat(gone.exit()).as(gone.out() + gone.err()).isZero();
            assertThat(hv.domains()).isEmpty();
            assertThat(hv.networks()).isEmpty();
            assertThat(hv.pools()).isEmpty();
        } finally {
            try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
                clear(hv);
            }
        }
    }
}
