package org.miniascape.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.miniascape.exec.ExecResult;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.render.guest.KickstartRelease;

/**
 * Puts every file of a build output through the real program that reads it: libvirt's schemas (networks,
 * domains, volumes), dnsmasq, nft (in a network namespace of its own), bash and shellcheck, pykickstart (each
 * ks.cfg in the syntax of its guest's release), debconf,
 * rpmspec, YAML and JSON parsers; and defines and starts every network on a private test driver.
 */
public final class ArtifactChecks {

    private ArtifactChecks() {
    }

    /** Checks the whole tree; {@code scratch} is a directory for the test-driver node file. */
    /**
     * Writes {@code siteYaml} into {@code dir}, runs {@code build} of it into {@code dir/out} (exit 0 required)
     * and checks every file of the tree ({@link #checkBuildTree}); returns the tree.
     */
    public static Path buildChecked(Path dir, String siteYaml) throws IOException {
        Path config = dir.resolve("site.yml");
        Files.writeString(config, siteYaml);
        Path out = dir.resolve("out");
        Cli.Run run = Cli.run("build", "-C", config.toString(), "-w", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        checkBuildTree(out, Files.createDirectories(dir.resolve("driver")));
        return out;
    }

    public static void checkBuildTree(Path out, Path scratch) {
        checkBuildTree(out, scratch, rel -> java.util.Optional.empty());
    }

    /**
     * As above; a script for which {@code userCode} gives a text (by relative path) embeds that shell as the user
     * wrote it (post_script, code by intent): it must parse (bash -n), and embedding it must add no shellcheck
     * error: when shellcheck finds none in the user's text alone, it must find none in the script. The user's style
     * is not ours to lint (shellcheck's warnings and notes, and its guess SC1109 at an HTML entity); nor is
     * shellcheck's parser, stricter than bash's ({@code {%} is a command to bash, an unclosed brace group to it).
     */
    public static void checkBuildTree(Path out, Path scratch,
            java.util.function.Function<String, java.util.Optional<String>> userCode) {
        List<Path> files = files(out);
        assertThat(files).as("build output").isNotEmpty();
        java.util.Map<Path, String> kickstarts = new java.util.LinkedHashMap<>();
        for (Path f : files) {
            String rel = out.relativize(f).toString();
            if (rel.matches("networks/[^/]+\\.xml") || rel.matches("hosts/[^/]+/networks/[^/]+\\.xml")) {
                Tools.virtXmlValidate(f, "network");
            } else if (rel.matches("guests/[^/]+/domain\\.xml")) {
                Tools.virtXmlValidate(f, "domain");
            } else if (rel.endsWith(".dnsmasq.conf")) {
                Tools.assertSucceeds("dnsmasq", "--test", "--conf-file=" + f);
            } else if (rel.matches("guests/[^/]+/volumes/[^/]+\\.xml")) {
                Tools.virtXmlValidate(f, "storagevol");
            } else if (rel.equals("host/nftables.conf")) {
                // Checked (never loaded) in a network namespace of its own: nothing reaches the host's ruleset.
                Tools.assertSucceeds("unshare", "-n", "nft", "-c", "-f", f.toString());
            } else if (rel.matches("guests/[^/]+/ks\\.cfg")) {
                kickstarts.put(f, kickstartVersion(f));
            } else if (rel.matches("guests/[^/]+/preseed\\.cfg")) {
                checkDebconf(f);
            } else if (rel.matches("guests/[^/]+/cloud-init/[^/]+")) {
                try {
                    new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                            .loadFromString(Files.readString(f));
                } catch (IOException | RuntimeException e) {
                    throw new AssertionError(rel + " is not valid YAML: " + e.getMessage(), e);
                }
            } else if (rel.equals("host/inventory.yml")) {
                checkInventory(f);
            } else if (rel.equals("host/ssh_config")) {
                checkSshConfig(f);
            } else if (rel.equals("host/hosts")) {
                checkHosts(out);
            } else if (rel.equals("host/topology.dot")) {
                checkTopology(f, out.resolve("host/topology.svg"));
            } else if (rel.equals("host/topology.svg")) {
                assertThat(out.resolve("host/topology.dot")).as("the graph " + rel + " is drawn from").exists();
            } else if (rel.endsWith(".spec")) {
                Tools.assertSucceeds("rpmspec", "-P", f.toString());
            } else if (rel.endsWith(".sh")) {
                Tools.assertSucceeds("bash", "-n", f.toString());
                java.util.Optional<String> code = userCode.apply(rel);
                if (code.isPresent()) {
                    if (shellcheckFindsNoError(code.get(), scratch)) {
                        Tools.assertSucceeds("shellcheck", "-s", "bash", "-S", "error", "-e", "SC1109", f.toString());
                    }
                } else {
                    Tools.assertSucceeds("shellcheck", "-s", "bash", f.toString());
                }
            } else if (rel.endsWith(".json")) {
                try {
                    new ObjectMapper().readTree(f.toFile());
                } catch (IOException e) {
                    throw new AssertionError(rel + " is not valid JSON: " + e.getMessage(), e);
                }
            }
        }
        Pykickstart.assertValid(kickstarts);
        defineAndStartNetworks(out, scratch);
        defineEachHost(out, scratch);
    }

    /**
     * A site over several hosts ({@code hosts/HOST/}): on a test driver of its own per host, every network of
     * the host defined and started, then every guest that site.json places there defined.
     */
    public static void defineEachHost(Path out, Path scratch) {
        Path hosts = out.resolve("hosts");
        if (!Files.isDirectory(hosts)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(hosts)) {
            com.fasterxml.jackson.databind.JsonNode site = new ObjectMapper().readTree(out.resolve("site.json").toFile());
            for (Path dir : dirs.sorted().toList()) {
                String host = dir.getFileName().toString();
                Path driver = Files.createDirectories(scratch.resolve("host-" + host));
                try (Hypervisor hv = Hypervisor.open(TestDriver.uri(driver))) {
                    Path networks = dir.resolve("networks");
                    for (Path xml : Files.isDirectory(networks) ? files(networks) : List.<Path>of()) {
                        String name = hv.defineNetwork(Files.readString(xml));
                        hv.startNetwork(name);
                        assertThat(hv.network(name)).as(host + ": " + name)
                                .hasValueSatisfying(s -> assertThat(s.active()).isTrue());
                    }
                    for (com.fasterxml.jackson.databind.JsonNode g : site.get("guests")) {
                        if (g.path("host").asText().equals(host)) {
                            hv.defineDomain(Files.readString(out.resolve("guests/" + g.get("name").asText()
                                    + "/domain.xml")));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every {@code guests/NAME/ks.cfg} of a build output through {@code ksvalidator -v RELEASE}, each with the
     * release its header names; returns the release of each guest that has one (by guest name).
     */
    public static java.util.Map<String, String> checkKickstarts(Path out) {
        java.util.Map<Path, String> kickstarts = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> releases = new java.util.TreeMap<>();
        for (Path f : files(out)) {
            if (out.relativize(f).toString().matches("guests/[^/]+/ks\\.cfg")) {
                kickstarts.put(f, kickstartVersion(f));
                releases.put(f.getParent().getFileName().toString(), kickstarts.get(f));
            }
        }
        Pykickstart.assertValid(kickstarts);
        return releases;
    }

    /**
     * The pykickstart version a generated ks.cfg is written for: the release of its guest's os_variant, which the
     * file's header names ({@link KickstartRelease#headerLine}).
     */
    public static String kickstartVersion(Path ksCfg) {
        try {
            return KickstartRelease.ofHeader(Files.readString(ksCfg)).orElseThrow(() -> new AssertionError(ksCfg
                    + " has no '# Kickstart syntax: ' header naming the release it is written for"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An Ansible YAML inventory as PyYAML (what Ansible reads it with) loads it: only {@code all}, its hosts each
     * with string variables, its children valid Ansible group names whose hosts are hosts of {@code all}. Prints
     * the host names, which must be those the file names.
     */
    static final String INVENTORY_CHECK = """
            import re, sys, yaml
            doc = yaml.safe_load(open(sys.argv[1]))
            assert list(doc) == ["all"], doc
            top = doc["all"]
            assert set(top) <= {"hosts", "children"}, top
            hosts = top["hosts"]
            for name, v in hosts.items():
                assert isinstance(name, str) and isinstance(v, dict), (name, v)
                assert set(v) <= {"ansible_host", "ansible_user"} and all(isinstance(x, str) for x in v.values()), v
            for group, g in (top.get("children") or {}).items():
                assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", group) and group not in ("all", "ungrouped"), group
                assert list(g) == ["hosts"] and g["hosts"] and set(g["hosts"]) <= set(hosts), g
                assert all(v == {} for v in g["hosts"].values()), g
            print(" ".join(hosts))
            """;

    public static void checkInventory(Path inventory) {
        String names = Tools.assertSucceeds("python3", "-c", INVENTORY_CHECK, inventory.toString()).stdout().strip();
        try {
            List<String> written = Files.readAllLines(inventory).stream()
                    .takeWhile(l -> !l.equals("  children:")).filter(l -> l.matches("    \"[^\"]+\":.*"))
                    .map(l -> l.substring(5, l.indexOf('"', 5))).toList();
            assertThat(names).as("the hosts of " + inventory).isEqualTo(String.join(" ", written));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An ssh client configuration as ssh reads it ({@code ssh -G}, which connects nowhere): each {@code Host}
     * gets the HostName, user and host-key options its block gives.
     */
    public static void checkSshConfig(Path config) {
        try {
            List<String> lines = Files.readAllLines(config);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).startsWith("Host ")) {
                    continue;
                }
                String host = lines.get(i).substring(5);
                String hostName = lines.get(i + 1).startsWith("    HostName ") ? lines.get(i + 1).substring(13) : host;
                List<String> read = Tools.assertSucceeds("ssh", "-G", "-F", config.toString(), host).stdout().lines()
                        .toList();
                assertThat(read).as(host).contains("hostname " + hostName, "user root",
                        "stricthostkeychecking accept-new", "userknownhostsfile host/known_hosts");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * host/hosts as the networks' DNS agrees with it: every name at one address only, and each line's names
     * among those that the dnsmasq of its network serves for that address ({@code networks/NET.addn-hosts},
     * the reservations and DNS hosts of the network, as hosts(5) lines).
     */
    public static void checkHosts(Path out) {
        try {
            java.util.Map<String, String> addressOf = new java.util.HashMap<>();
            String network = null;
            for (String line : Files.readAllLines(out.resolve("host/hosts"))) {
                java.util.regex.Matcher header = java.util.regex.Pattern.compile("# network (\\S+) .*").matcher(line);
                if (header.matches()) {
                    network = header.group(1);
                    continue;
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                assertThat(network).as("a hosts line before any network: " + line).isNotNull();
                List<String> words = List.of(line.split(" "));
                String ip = words.get(0);
                List<String> served = Files.readAllLines(out.resolve("networks/" + network + ".addn-hosts")).stream()
                        .filter(l -> l.startsWith(ip + " ")).flatMap(l -> java.util.Arrays.stream(l.split(" ")).skip(1))
                        .toList();
                assertThat(served).as("what network " + network + "'s DNS serves at " + ip)
                        .containsAll(words.subList(1, words.size()));
                for (String name : words.subList(1, words.size())) {
                    String before = addressOf.put(name, ip);
                    assertThat(before).as(name + " in host/hosts at " + before + " and " + ip).isNull();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * host/topology.dot as Graphviz reads it ({@code dot -Tsvg}, which fails on a syntax error and warns on
     * stderr of anything it ignored); the svg that build drew from it, when it did, is an SVG document.
     */
    public static void checkTopology(Path dot, Path svg) {
        ExecResult drawn = Tools.assertSucceeds("dot", "-Tsvg", dot.toString());
        assertThat(drawn.stderr()).as("dot's warnings on " + dot).isEmpty();
        assertThat(drawn.stdout()).contains("<svg");
        if (Files.exists(svg)) {
            try {
                javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
                // The DTD graphviz names is not fetched.
                f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                assertThat(f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getTagName())
                        .isEqualTo("svg");
            } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | IOException e) {
                throw new AssertionError(svg + " is not an SVG document: " + e.getMessage(), e);
            }
        }
    }

    /**
     * A cloud-init user-data file through cloud-init's own schema ({@code cloud-init schema --config-file}: exit 0
     * only for a valid cloud-config; Debian package cloud-init). Not part of {@link #checkBuildTree}: its Python
     * start takes about a second per file, too long for the property tests' many builds.
     */
    public static void checkCloudConfig(Path userData) {
        String said = Tools.assertSucceeds("cloud-init", "schema", "--config-file", userData.toString()).stdout();
        assertThat(said).as("cloud-init schema of " + userData).contains("Valid cloud-config");
    }

    /**
     * preseed.cfg as debconf reads it ({@code debconf-set-selections -c -v}: lines that end with a backslash
     * continue on the next, comments and blank lines are skipped): exactly one setting per {@code d-i} line
     * of the file, each with that line's value, so no value swallowed or started a line.
     */
    public static java.util.Map<String, String> checkDebconf(Path preseed) {
        String said = Tools.assertSucceeds("debconf-set-selections", "-c", "-v", preseed.toString()).stderr();
        java.util.Map<String, String> read = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^info: Trying to set '([^']*)' \\[(\\S+)] "
                + "to '(.*)'$").matcher(said);
        List<String> settings = new java.util.ArrayList<>();
        while (m.find()) {
            settings.add(m.group(1));
            read.put(m.group(1), m.group(3));
        }
        List<String> written;
        try {
            written = Files.readAllLines(preseed).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.split("\\s+")[1]).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(settings).as("what debconf reads of " + preseed).isEqualTo(written);
        return read;
    }

    private static void defineAndStartNetworks(Path out, Path scratch) {
        List<Path> xmls = files(out).stream().filter(p -> out.relativize(p).toString().matches("networks/[^/]+\\.xml"))
                .toList();
        try (Hypervisor hv = Hypervisor.open(TestDriver.uri(scratch))) {
            for (Path xml : xmls) {
                String name = hv.defineNetwork(Files.readString(xml));
                hv.startNetwork(name);
                assertThat(hv.network(name)).as(name).hasValueSatisfying(s -> assertThat(s.active()).isTrue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether shellcheck finds no error (SC1109, its guess at an HTML entity, aside) in a text of the user's. */
    private static boolean shellcheckFindsNoError(String code, Path scratch) {
        try {
            Path f = Files.createTempFile(Files.createDirectories(scratch), "user-code", ".sh");
            Files.writeString(f, "#!/bin/bash\n" + code + "\n");
            return new org.miniascape.exec.Executor().run(org.miniascape.exec.Command.of("shellcheck", "-s", "bash",
                    "-S", "error", "-e", "SC1109", f.toString()).timeout(java.time.Duration.ofSeconds(60))).ok();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
