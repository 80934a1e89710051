package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.config.SiteLoader;
import org.miniascape.libvirt.DhcpLease;
import org.miniascape.libvirt.HostReader;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.model.Site;
import org.miniascape.resolve.GuestVolumes;
import org.miniascape.testing.Cli;
import org.miniascape.testing.TestDriver;

/** 'status' in process against prepared test-driver hosts; leases and SSH through stand-ins where noted. */
class StatusCommandTest {
    static final Path SITE = Path.of("src/test/resources/apply/site.yml").toAbsolutePath();

    @TempDir
    Path dir;
    Path guests;
    Site site;

    @BeforeEach
    void files() throws IOException {
        guests = dir.resolve("guests.yml");
        Files.writeString(guests, Files.readString(Path.of("src/test/resources/status/guests.yml"))
                .replace("@POOL@", dir.resolve("pool").toString()));
        site = SiteLoader.load(List.of(SITE.toString(), guests.toString()));
    }

    Cli.Run status(String uri, String... more) {
        List<String> args = new ArrayList<>(List.of("status", "-C", SITE.toString(), "-C", guests.toString(),
                "--connect", uri));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    String pool() {
        return "<pool type='dir'><name>mia-pool</name><target><path>" + dir.resolve("pool") + "</path></target></pool>";
    }

    /** The site's networks, mia-vm as the site defined it (running), mia-two without the site's mark, the pool. */
    String preparedHost() throws IOException {
        Files.createDirectories(dir.resolve("pool"));
        List<String> objects = new ArrayList<>(List.of(MarkedHost.networks(site)));
        objects.add(MarkedHost.domain(site, "mia-vm"));
        objects.add(GuestVolumes.domainXml(site.guest("mia-two").orElseThrow(), site, Optional.empty(),
                Optional.empty()));
        objects.add(pool());
        return TestDriver.uri(dir, objects.toArray(String[]::new));
    }

    @Test
    void anEmptyHostHasNothingDefinedAndChecksNothing() {
        Cli.Run r = status(TestDriver.uri(dir));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                GUEST     STATE        NETWORK  MAC                RESERVED       LEASED  REACHABLE
                mia-vm    not defined  mia-nat  52:54:00:aa:00:20  198.51.100.20  -       not checked
                mia-two   not defined  mia-nat  52:54:00:aa:00:21  198.51.100.12  -       not checked
                                       mia-iso  52:54:00:aa:01:21  203.0.113.21   -       not checked
                mia-bare  not defined  -        -                  -              -       -

                NETWORK  DEFINED  ACTIVE  SYNC
                mia-nat  no       no      not defined
                mia-iso  no       no      not defined

                POOL      DEFINED  ACTIVE
                mia-pool  no       no
                """);
    }

    @Test
    void aDomainWithoutTheSitesMarkIsNotTheSites() throws IOException {
        Cli.Run r = status(preparedHost());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                GUEST     STATE           NETWORK  MAC                RESERVED       LEASED  REACHABLE
                mia-vm    running         mia-nat  52:54:00:aa:00:20  198.51.100.20  -       not checked
                mia-two   not the site's  mia-nat  52:54:00:aa:00:21  198.51.100.12  -       not checked
                                          mia-iso  52:54:00:aa:01:21  203.0.113.21   -       not checked
                mia-bare  not defined     -        -                  -              -       -

                NETWORK  DEFINED  ACTIVE  SYNC
                mia-nat  yes      yes     in sync
                mia-iso  yes      yes     in sync

                POOL      DEFINED  ACTIVE
                mia-pool  yes      yes
                """);
    }

    @Test
    void jsonSaysWhyNothingWasChecked() throws Exception {
        String uri = preparedHost();
        Cli.Run r = status(uri, "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(NetCommandTest.json(r.out())).isEqualTo(NetCommandTest.json("""
                {
                  "schema" : "miniascape/1", "command" : "status", "ok" : true, "exit_code" : 0,
                  "uri" : "%s", "site" : "applytest",
                  "guests" : [ {
                    "name" : "mia-vm", "defined" : true, "marked" : true, "state" : "running",
                    "interfaces" : [ {
                      "network" : "mia-nat", "mac" : "52:54:00:aa:00:20", "reserved_ip" : "198.51.100.20",
                      "leased_ip" : null, "reachable" : null, "not_checked" : "the test driver runs no real guest"
                    } ]
                  }, {
                    "name" : "mia-two", "defined" : true, "marked" : false, "state" : "running",
                    "interfaces" : [ {
                      "network" : "mia-nat", "mac" : "52:54:00:aa:00:21", "reserved_ip" : "198.51.100.12",
                      "leased_ip" : null, "reachable" : null, "not_checked" : "the domain is not the site's"
                    }, {
                      "network" : "mia-iso", "mac" : "52:54:00:aa:01:21", "reserved_ip" : "203.0.113.21",
                      "leased_ip" : null, "reachable" : null, "not_checked" : "the domain is not the site's"
                    } ]
                  }, {
                    "name" : "mia-bare", "defined" : false, "marked" : false, "state" : null, "interfaces" : [ ]
                  } ],
                  "networks" : [ {
                    "name" : "mia-nat", "defined" : true, "active" : true, "autostart" : false, "bridge" : "mia-nat0",
                    "sync" : "in-sync", "leases" : [ ]
                  }, {
                    "name" : "mia-iso", "defined" : true, "active" : true, "autostart" : false, "bridge" : "mia-iso0",
                    "sync" : "in-sync", "leases" : [ ]
                  } ],
                  "pools" : [ { "name" : "mia-pool", "defined" : true, "active" : true } ],
                  "error" : null
                }
                """.formatted(uri)));
    }

    @Test
    void aShutOffGuestIsNotChecked() throws Exception {
        String uri = TestDriver.uri(dir, GuestCommandTest.shutOff(MarkedHost.domain(site, "mia-vm")));
        Cli.Run r = status(uri, "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode vm = NetCommandTest.json(r.out()).get("guests").get(0);
        assertThat(vm.get("state").asText()).isEqualTo("shutoff");
        assertThat(vm.get("interfaces").get(0).get("not_checked").asText()).isEqualTo("the guest is not running");
        assertThat(status(uri).out().lines().toList().get(1))
                .isEqualTo("mia-vm    shutoff      mia-nat  52:54:00:aa:00:20  198.51.100.20  -       not checked");
    }

    /** The test driver with the leases of a libvirt host that has them: a lease of mia-vm, one of mia-two. */
    static HostReader withLeases(Hypervisor hv) {
        List<DhcpLease> nat = List.of(
                new DhcpLease("mia-nat0", 1_900_000_000L, "52:54:00:AA:00:20", "198.51.100.20", 24,
                        Optional.of("mia-vm"), Optional.empty()),
                new DhcpLease("mia-nat0", 1_900_000_000L, "52:54:00:aa:00:21", "198.51.100.230", 24,
                        Optional.empty(), Optional.empty()));
        return (HostReader) Proxy.newProxyInstance(HostReader.class.getClassLoader(), new Class<?>[] {HostReader.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("leases")) {
                        return args[0].equals("mia-nat") ? nat : List.of();
                    }
                    try {
                        return m.invoke(hv, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Each question status asks of libvirt (method and arguments), with how often it was asked. */
    static HostReader counting(HostReader host, java.util.Map<String, Integer> asked) {
        return (HostReader) Proxy.newProxyInstance(HostReader.class.getClassLoader(), new Class<?>[] {HostReader.class},
                (proxy, m, args) -> {
                    synchronized (asked) {
                        asked.merge(m.getName() + (args == null ? List.of() : List.of(args)), 1, Integer::sum);
                    }
                    try {
                        return m.invoke(host, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void statusAsksLibvirtEachThingOnce() throws IOException {
        java.util.Map<String, Integer> asked = new java.util.TreeMap<>();
        java.io.StringWriter text = new java.io.StringWriter();
        try (Hypervisor hv = Hypervisor.open(preparedHost())) {
            StatusCommand.text(StatusCommand.read(counting(withLeases(hv), asked), site, "qemu:///system",
                    (ip, port, timeout) -> false), new java.io.PrintWriter(text, true));
        }
        // Each network's definition is read by the network's check and by the ownership check: once here; each
        // domain's state comes from one listing of all of them.
        assertThat(asked).containsEntry("networkXml[mia-nat, true]", 1).containsEntry("networkXml[mia-iso, true]", 1)
                .containsEntry("domains[]", 1).doesNotContainKey("domain[mia-vm]"); // from the listing
        assertThat(asked).allSatisfy((question, times) -> assertThat(times).as(question).isEqualTo(1));
        // and the report is the one the other tests check piece by piece
        assertThat(text.toString()).contains("mia-vm    running", "mia-nat  yes      yes     in sync");
    }

    @Test
    void onALocalHostLeasesAreMatchedByMacAndTheReservedAddressesOfRunningSiteGuestsAreTried() throws IOException {
        List<String> tried = new ArrayList<>();
        StatusCommand.Report report;
        try (Hypervisor hv = Hypervisor.open(preparedHost())) {
            report = StatusCommand.read(withLeases(hv), site, "qemu:///system", (ip, port, timeout) -> {
                synchronized (tried) {
                    tried.add(ip + ":" + port + " in " + timeout + " ms");
                }
                return ip.equals("198.51.100.20");
            });
        }
        // Only mia-vm is the site's and runs: its one address is tried, once.
        assertThat(tried).containsExactly("198.51.100.20:22 in 1000 ms");
        java.io.StringWriter text = new java.io.StringWriter();
        StatusCommand.text(report, new java.io.PrintWriter(text, true));
        assertThat(text.toString()).startsWith("""
                GUEST     STATE           NETWORK  MAC                RESERVED       LEASED          REACHABLE
                mia-vm    running         mia-nat  52:54:00:aa:00:20  198.51.100.20  198.51.100.20   yes
                mia-two   not the site's  mia-nat  52:54:00:aa:00:21  198.51.100.12  198.51.100.230  not checked
                                          mia-iso  52:54:00:aa:01:21  203.0.113.21   -               not checked
                mia-bare  not defined     -        -                  -              -               -

                """);
        assertThat(report.guests().get(0).nics().get(0).notChecked()).isEmpty();
        assertThat(report.guests().get(0).nics().get(0).reachable()).contains(true);
    }

    @Test
    void aGuestThatDoesNotAnswerIsNotReachable() throws IOException {
        StatusCommand.Report report;
        try (Hypervisor hv = Hypervisor.open(preparedHost())) {
            report = StatusCommand.read(hv, site, "qemu:///system", (ip, port, timeout) -> false);
        }
        StatusCommand.NicStatus nic = report.guests().get(0).nics().get(0);
        assertThat(nic.reachable()).contains(false);
        assertThat(nic.notChecked()).isEmpty();
        assertThat(StatusCommand.json(report.guests().get(0)).get("interfaces").toString())
                .isEqualTo("[{network=mia-nat, mac=52:54:00:aa:00:20, reserved_ip=198.51.100.20, leased_ip=null,"
                        + " reachable=false, not_checked=null}]");
    }

    @Test
    void anInterfaceWithoutAReservedAddressIsNotTried() {
        // Guest "yes" of the edge site: its first interface is on a host bridge without an address of the site.
        Site edge = SiteLoader.load(List.of(Path.of("src/test/resources/access/edge.yml").toString()));
        List<String> tried = new ArrayList<>();
        StatusCommand.Report report;
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(dir, MarkedHost.domain(edge, "yes")))) {
            report = StatusCommand.read(hv, edge, "qemu:///system", (ip, port, timeout) -> {
                synchronized (tried) {
                    tried.add(ip);
                }
                return true;
            });
        }
        assertThat(tried).containsExactly("192.0.2.20");
        assertThat(report.guests().get(0).nics()).containsExactly(
                new StatusCommand.NicStatus("outside", edge.guest("yes").orElseThrow().nics().get(0).mac().toString(),
                        Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of("the interface has no reserved address")),
                new StatusCommand.NicStatus("net-1", edge.guest("yes").orElseThrow().nics().get(1).mac().toString(),
                        Optional.of("192.0.2.20"), Optional.empty(), Optional.of(true), Optional.empty()));
    }

    @Test
    void addressesAreTriedOnlyWhereTheyCanBeReached() {
        assertThat(StatusCommand.notCheckedOnHost("qemu:///system")).isEmpty();
        assertThat(StatusCommand.notCheckedOnHost("qemu+unix:///session")).isEmpty();
        assertThat(StatusCommand.notCheckedOnHost("qemu+ssh://lab.example/system")).contains("the libvirt host is"
                + " remote (qemu+ssh://lab.example/system): its networks may not be reachable from here");
        assertThat(StatusCommand.notCheckedOnHost("test:///default")).contains("the test driver runs no real guest");
    }

    @Test
    void theProbeSeesAnSshBannerAndNeitherASilentPortNorAClosedOne() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (java.net.Socket c = s.accept()) {
                    c.getOutputStream().write("SSH-2.0-test\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    c.getOutputStream().flush();
                    c.getInputStream().read();
                } catch (IOException e) {
                    // the probe closed first
                }
            });
            server.start();
            assertThat(StatusCommand.Reach.SSH.answers("127.0.0.1", s.getLocalPort(), 1000)).isTrue();
            server.join(5000);
            closed = s.getLocalPort();
        }
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(StatusCommand.Reach.SSH.answers("127.0.0.1", silent.getLocalPort(), 300))
                    .as("accepted by the kernel's backlog, but no banner").isFalse();
        }
        assertThat(StatusCommand.Reach.SSH.answers("127.0.0.1", closed, 1000)).isFalse();
    }

    @Test
    void badUsageIsExit2() {
        Cli.Run both = Cli.run("status", "--demo", "-C", SITE.toString(), "--connect", TestDriver.uri(dir));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("miniascape: error: --demo and -C exclude each other: --demo is the embedded"
                + " demo site, -C PATH your own\n");
        Cli.Run format = status(TestDriver.uri(dir), "-o", "yaml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).isEqualTo("miniascape: error: Invalid value for option '--output': expected one of"
                + " [TEXT, JSON] (case-insensitive) but was 'yaml'\nTry 'miniascape status --help' for more.\n");
        Cli.Run extra = status(TestDriver.uri(dir), "mia-vm");
        assertThat(extra.exitCode()).isEqualTo(2);
        assertThat(extra.err()).isEqualTo("miniascape: error: Unmatched argument at index 7: 'mia-vm'\n"
                + "Try 'miniascape status --help' for more.\n");
    }

    @Test
    void anUnreachableUriIsExit1AndJsonOnStdout() throws Exception {
        Cli.Run r = status("test:///nonexistent/node.xml", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        com.fasterxml.jackson.databind.JsonNode doc = NetCommandTest.json(r.out());
        assertThat(doc.get("command").asText()).isEqualTo("status");
        assertThat(doc.get("ok").asBoolean()).isFalse();
        assertThat(doc.get("exit_code").asInt()).isEqualTo(1);
        assertThat(doc.get("error").asText()).isEqualTo(r.err().strip().replaceFirst("^miniascape: error: ", ""));
    }
}
