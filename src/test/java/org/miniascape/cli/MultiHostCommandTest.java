package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.miniascape.testing.Cli;
import org.miniascape.testing.TestDriver;

/**
 * A site over several hosts on test-driver hosts (one {@code test:///DIR/node.xml} per host as its {@code uri}),
 * each host's shell a fake that logs the commands it is given and knows no device: {@code plan}, {@code up} and
 * {@code down} plan and apply every host through its own connection, each action naming its host; a host that
 * cannot be connected to fails alone; the commands that act on one URI still refuse such a site.
 */
class MultiHostCommandTest {
    static final Path SITE = Path.of("src/test/resources/scenarios/multi-host/config/site.yml").toAbsolutePath();

    @TempDir
    Path dir;

    /** A shell prefix that logs each command and answers that no device exists (nothing runs for real). */
    private Path fakeShell(String host, String underlay) throws Exception {
        Path script = dir.resolve("shell-" + host);
        Files.writeString(script, "#!/bin/sh\n"
                + "echo \"$*\" >> '" + dir.resolve("log-" + host) + "'\n"
                + "if [ \"$1 $2\" = \"ip -d\" ]; then echo \"Device \\\"$7\\\" does not exist.\" >&2; exit 1; fi\n"
                + "if [ \"$*\" = \"ip -j -4 addr show\" ]; then echo '[{\"ifname\":\"ul0\",\"addr_info\":[{\"local\":\""
                + underlay + "\"}]}]'; fi\n"
                + "exit 0\n");
        script.toFile().setExecutable(true);
        return script;
    }

    /** Two test-driver hosts; lan homed on kvm1 and stretched to kvm2 by guest b (named there). */
    private Path site(String uri2) throws Exception {
        String uri1 = TestDriver.uri(Files.createDirectories(dir.resolve("kvm1")));
        if (uri2 == null) {
            uri2 = TestDriver.uri(Files.createDirectories(dir.resolve("kvm2")));
        }
        return Files.writeString(dir.resolve("two.yml"), """
                site: two
                hosts:
                  - {name: kvm1, uri: "%s", underlay: 192.0.2.1, shell: "%s"}
                  - {name: kvm2, uri: "%s", underlay: 192.0.2.2, shell: "%s"}
                networks:
                  - {name: lan, mode: isolated, home: kvm1, cidr: 198.51.100.0/24,
                     dhcp: {static: {start: 198.51.100.10, end: 198.51.100.99}}}
                guests:
                  - {name: a, host: kvm1, interfaces: [{network: lan}], install: {method: none}}
                  - {name: b, host: kvm2, interfaces: [{network: lan}], install: {method: none}}
                """.formatted(uri1, fakeShell("kvm1", "192.0.2.1"), uri2, fakeShell("kvm2", "192.0.2.2")));
    }

    @Test
    void planNamesTheHostOfEveryAction() throws Exception {
        Path site = site(null);
        Cli.Run run = Cli.run(Map.of(), dir, "plan", "-C", site.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).startsWith("miniascape: site two (" + site + ") on kvm1 (test://");
        List<String> lines = run.out().lines().toList();
        assertThat(lines).contains("+ network lan@kvm1: create (not defined)",
                "+ network lan@kvm2: create (not defined)");
        assertThat(lines).anyMatch(l -> l.startsWith("+ link lan@kvm1: create (VXLAN mia-vx")
                && l.endsWith(" from 192.0.2.1 in mia-lan, peers 192.0.2.2)"));
        assertThat(lines).anyMatch(l -> l.startsWith("+ link lan@kvm2: create (VXLAN mia-vx")
                && l.endsWith(" from 192.0.2.2 in mia-lan, peers 192.0.2.1)"));
        assertThat(lines).contains("+ domain a@kvm1: create (not defined)", "+ domain b@kvm2: create (not defined)",
                "+ boot b@kvm2: create (start: its disk boots as it is)");
        // Nothing ran but the reads.
        // Nothing ran but reads, on each host through its shell: the link's, and preflight's of the host.
        List<String> log = Files.readAllLines(dir.resolve("log-kvm2"));
        assertThat(log).contains("ip -d -j link show dev " + lines.stream().filter(l -> l.startsWith("+ link lan@kvm2"))
                .findFirst().orElseThrow().replaceFirst(".*VXLAN (mia-vx\\d+) .*", "$1"), "ip -j -4 addr show",
                "ip -o link show", "ip -o -4 addr show");
        assertThat(log).allMatch(l -> l.startsWith("ip -d -j link show ") || l.startsWith("ip -o ")
                || l.equals("ip -j -4 addr show") || l.startsWith("ss -H -ln "));
    }

    @Test
    void preflightChecksEachHostThroughItsShell() throws Exception {
        Path site = site(null);
        // kvm2 has an interface of the bridge's name that is no libvirt network's.
        Path shell = dir.resolve("shell-kvm2");
        Files.writeString(shell, Files.readString(shell).replace("exit 0\n", "if [ \"$*\" = \"ip -o link show\" ];"
                + " then echo '9: mia-lan: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN'; fi\nexit 0\n"));
        Cli.Run run = Cli.run(Map.of(), dir, "up", "-C", site.toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(3);
        assertThat(run.out()).contains("! network lan@kvm2: refuse (preflight: bridge mia-lan already exists on the host"
                + " and is not this network's; choose another bridge name or remove the interface)",
                "+ network lan@kvm1: create (not defined)");
    }

    @Test
    void planJsonGivesEachActionItsHostAndTheDependenciesAcrossHosts() throws Exception {
        Cli.Run run = Cli.run(Map.of(), dir, "plan", "-C", site(null).toString(), "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(run.out()).path("plan");
        List<String> ids = new ArrayList<>();
        for (JsonNode a : plan.path("actions")) {
            ids.add(a.path("id").asText());
            assertThat(a.path("host").asText()).as(a.toString()).isIn("kvm1", "kvm2");
            assertThat(a.path("id").asText()).endsWith("@" + a.path("host").asText());
            if (a.path("id").asText().equals("boot/b@kvm2")) {
                assertThat(a.path("depends_on").toString()).contains("\"network/lan@kvm2\"", "\"link/lan@kvm2\"",
                        "\"network/lan@kvm1\"");
            }
            if (a.path("kind").asText().equals("link")) {
                assertThat(a.path("depends_on").toString()).contains("network/lan@" + a.path("host").asText());
            }
        }
        assertThat(ids).contains("network/lan@kvm1", "network/lan@kvm2", "link/lan@kvm1", "boot/b@kvm2");
        // Every action comes after those it depends on.
        for (JsonNode a : plan.path("actions")) {
            for (JsonNode d : a.path("depends_on")) {
                assertThat(ids.indexOf(d.asText())).as(a.path("id") + " after " + d).isLessThan(
                        ids.indexOf(a.path("id").asText()));
            }
        }
    }

    @Test
    void upAppliesEveryHostAndMakesTheLinksThroughEachHostsShell() throws Exception {
        Cli.Run run = Cli.run(Map.of(), dir, "up", "-C", site(null).toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("network lan@kvm1: created (define, autostart on, start)",
                "network lan@kvm2: created (define, autostart on, start)", "boot b@kvm2: created (start)");
        List<String> log = Files.readAllLines(dir.resolve("log-kvm2"));
        String vni = log.stream().filter(l -> l.startsWith("ip link add ")).findFirst().orElseThrow()
                .replaceFirst(".* id (\\d+) .*", "$1");
        assertThat(log).containsSubsequence("ip -d -j link show dev mia-vx" + vni,
                "ip link add mia-vx" + vni + " type vxlan id " + vni + " local 192.0.2.2 dstport 4789 nolearning",
                "ip link set dev mia-vx" + vni + " mtu 1450 master mia-lan up",
                "bridge fdb append 00:00:00:00:00:00 dev mia-vx" + vni + " dst 192.0.2.1");
        assertThat(Files.readAllLines(dir.resolve("log-kvm1"))).contains(
                "bridge fdb append 00:00:00:00:00:00 dev mia-vx" + vni + " dst 192.0.2.2");
    }

    @Test
    void aHostThatCannotBeReachedFailsAloneAndTheOthersAreApplied() throws Exception {
        Path site = site("test://" + dir.resolve("nowhere/node.xml"));
        Cli.Run run = Cli.run(Map.of(), dir, "up", "-C", site.toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(1);
        assertThat(run.out()).contains("+ host kvm2: create (cannot connect to libvirt at test://" + dir.resolve("nowhere"))
                .contains("network lan@kvm1: created").contains("domain a@kvm1: created")
                .contains("link lan@kvm1: created");
        assertThat(run.out()).containsPattern("host kvm2: FAILED: connect: host kvm2: cannot connect to libvirt at test://");
        assertThat(run.out()).contains("Applied: ").contains("1 failed");
        assertThat(run.err()).contains("1 of the plan's actions failed");
    }

    @Test
    void aGuestThatMovedToAnotherHostIsRefusedAndWithForceTakenOffItsOldHost() throws Exception {
        Path site = site(null);
        org.miniascape.model.Site loaded = org.miniascape.config.SiteLoader.loadSources(List.of(
                new org.miniascape.config.ConfigSources.Source("two.yml", Files.readString(site))));
        // kvm1 holds the site's domain of b, which the site now puts on kvm2.
        String marked = new org.miniascape.libvirt.Planner(null, org.miniascape.libvirt.HostProbe.NONE, loaded,
                org.miniascape.libvirt.Planner.Options.DEFAULT).markedDomainXml(loaded.guest("b").orElseThrow());
        TestDriver.uri(dir.resolve("kvm1"), marked);

        Cli.Run refused = Cli.run(Map.of(), dir, "up", "-C", site.toString());
        assertThat(refused.exitCode()).as(refused.err() + refused.out()).isEqualTo(3);
        assertThat(refused.out()).contains("! domain b@kvm1: refuse (guest b is placed on kvm2 now (its host or the"
                + " placement changed); --force takes it off this host (powered off and undefined; its volumes here"
                + " stay) and creates it on kvm2)");

        Cli.Run forced = Cli.run(Map.of(), dir, "up", "--force", "-C", site.toString(), "-o", "json");
        assertThat(forced.exitCode()).as(forced.err() + forced.out()).isZero();
        JsonNode doc = new ObjectMapper().readTree(forced.out());
        JsonNode create = null;
        for (JsonNode a : doc.path("plan").path("actions")) {
            if (a.path("id").asText().equals("domain/b@kvm1")) {
                assertThat(a.path("action").asText()).isEqualTo("delete");
                assertThat(a.path("steps").toString()).isEqualTo("[\"power off\",\"undefine\"]");
            }
            if (a.path("id").asText().equals("domain/b@kvm2")) {
                create = a;
            }
        }
        assertThat(create).isNotNull();
        assertThat(create.path("depends_on").toString()).contains("\"domain/b@kvm1\"");
        assertThat(doc.path("result").path("actions").toString()).contains("domain/b@kvm1");

        // down takes it off the old host too.
        Cli.Run down = Cli.run(Map.of(), dir, "down", "--yes", "-C", site.toString());
        assertThat(down.exitCode()).as(down.err() + down.out()).isZero();
        assertThat(down.out()).contains("- domain b@kvm1: delete (power off, undefine)");
    }

    @Test
    void statusShowsEveryHostAndSaysWhichCannotBeReached() throws Exception {
        Cli.Run run = Cli.run(Map.of(), dir, "status", "-C", site(null).toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).startsWith("host kvm1 (test://").contains("\nhost kvm2 (test://");
        Cli.Run json = Cli.run(Map.of(), dir, "status", "-C", site("test://" + dir.resolve("nowhere/node.xml"))
                .toString(), "-o", "json");
        assertThat(json.exitCode()).as(json.err() + json.out()).isEqualTo(1);
        JsonNode hosts = new ObjectMapper().readTree(json.out()).path("hosts");
        assertThat(hosts.get(0).path("name").asText()).isEqualTo("kvm1");
        assertThat(hosts.get(0).path("error").isNull()).isTrue();
        assertThat(hosts.get(0).path("networks").get(0).path("name").asText()).isEqualTo("lan");
        assertThat(hosts.get(1).path("error").asText()).startsWith("cannot connect to libvirt at test://");
    }

    @Test
    void downTakesEveryHostsObjects() throws Exception {
        Cli.Run run = Cli.run(Map.of(), dir, "down", "--yes", "-C", site(null).toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        // Fresh test-driver hosts hold nothing: every object of both hosts is planned, none is there.
        assertThat(run.out()).contains("= network lan@kvm1: none (not defined)", "= network lan@kvm2: none (not defined)",
                "= link lan@kvm2: none (not there)", "= domain b@kvm2: none (not defined)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"net list", "net register --all", "storage register", "guest define --all"})
    void theCommandsOnOneUriRefuseASiteOverSeveralHosts(String command) throws Exception {
        // A test-driver host that holds nothing: had anything been applied, it would show there.
        Path driver = Files.createDirectories(dir.resolve("driver"));
        String uri = TestDriver.uri(driver);
        String node = Files.readString(driver.resolve("node.xml"));
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("-C", SITE.toString()));
        args.addAll(List.of("-c", uri));
        Cli.Run run = Cli.run(Map.of(), dir, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("miniascape: error: site multi spreads over 3 hosts (kvm1, kvm2, kvm3): only"
                + " 'plan', 'up', 'down', 'status', 'ssh' and 'console' act on a site over several hosts (each host"
                + " through its own uri); nothing was done\n");
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(driver.resolve("node.xml"))).isEqualTo(node);
    }

    @Test
    void sshGoesThroughTheHostThatReachesTheGuestAndConsoleToTheGuestsHost() throws Exception {
        String known = "-o StrictHostKeyChecking=accept-new -o"
                + " UserKnownHostsFile=/h/.cache/miniascape/multi/known_hosts";
        // db is on kvm2, its first address on lan, homed on kvm1: through kvm1's ssh.
        Cli.Run db = Cli.run(Map.of("HOME", "/h"), dir, "ssh", "db", "--print", "-C", SITE.toString());
        assertThat(db.exitCode()).as(db.err()).isZero();
        assertThat(db.out()).isEqualTo("ssh " + known + " -o 'ProxyCommand=ssh root@kvm1.example -W %h:%p'"
                + " root@198.51.100.13\n");
        Cli.Run console = Cli.run(Map.of(), dir, "console", "db", "--print", "-C", SITE.toString(), "-c",
                "test:///default");
        assertThat(console.exitCode()).as(console.err()).isZero();
        assertThat(console.out()).isEqualTo("virsh -c qemu+ssh://root@kvm2.example:2222/system console db\n");

        // A network homed on a host whose shell is a command prefix: its relay; one homed on this machine
        // (shell local): plain ssh.
        Path site = Files.writeString(dir.resolve("prefix.yml"), """
                site: prefixed
                hosts:
                  - {name: kvm1, uri: "qemu+unix:///system?socket=/run/ns1/libvirt-sock", underlay: 192.0.2.1,
                     shell: "ip netns exec mia-ns1"}
                  - {name: kvm2, uri: "qemu:///system", underlay: 192.0.2.2, shell: local}
                networks:
                  - {name: lan, mode: isolated, home: kvm1, cidr: 198.51.100.0/24}
                  - {name: back, mode: isolated, home: kvm2, cidr: 203.0.113.0/24}
                guests:
                  - {name: a, host: kvm2, memory: 512, interfaces: [{network: lan, ip: 198.51.100.10}]}
                  - {name: b, host: kvm1, memory: 512, interfaces: [{network: back, ip: 203.0.113.10}]}
                """);
        Cli.Run a = Cli.run(Map.of("HOME", "/h"), dir, "ssh", "a", "--print", "-C", site.toString(), "--",
                "hostname");
        assertThat(a.exitCode()).as(a.err()).isZero();
        String proxy = "ProxyCommand=ip netns exec mia-ns1 bash -c '" + SshCommand.RELAY + "'";
        assertThat(a.out()).isEqualTo("ssh -o StrictHostKeyChecking=accept-new -o"
                + " UserKnownHostsFile=/h/.cache/miniascape/prefixed/known_hosts -o '" + proxy.replace("'", "'\\''")
                + "' root@198.51.100.10 -- hostname\n");
        Cli.Run b = Cli.run(Map.of("HOME", "/h"), dir, "ssh", "b", "--print", "-C", site.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(b.out()).isEqualTo("ssh -o StrictHostKeyChecking=accept-new -o"
                + " UserKnownHostsFile=/h/.cache/miniascape/prefixed/known_hosts root@203.0.113.10\n");
    }

    @Test
    void validateAndBuildTakeIt() {
        Cli.Run validate = Cli.run(Map.of(), dir, "validate", "-C", SITE.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        Cli.Run build = Cli.run(Map.of(), dir, "build", "-C", SITE.toString(), "-w", dir.resolve("out").toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(dir.resolve("out/hosts/kvm2/vxlan.sh")).exists();
    }

    /** One host is no spread: the commands act on -c as they always do (the host's own uri is not used). */
    @Test
    void aSiteWithOneHostIsNotRefused() throws Exception {
        Path site = Files.writeString(dir.resolve("one.yml"), """
                site: one
                hosts: [{name: kvm1, uri: "qemu:///system", underlay: 192.0.2.11}]
                networks: [{name: lan, cidr: 198.51.100.0/24}]
                """);
        Path driver = Files.createDirectories(dir.resolve("driver"));
        Cli.Run run = Cli.run(Map.of(), dir, "plan", "-C", site.toString(), "-c", TestDriver.uri(driver));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("lan").doesNotContain("@kvm1");
    }
}
