package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example sites of examples/ and {@code init}, which writes them from the jar: every example validates and
 * builds as it is, from the repository and as {@code init} writes it, run as a user's shell would (in the new
 * directory, the site found as ./miniascape.yml); {@code init} never overwrites or removes a file.
 */
class InitCommandTest {
    static final Path EXAMPLES = Path.of("examples").toAbsolutePath();
    static final List<String> NAMES = List.of("minimal", "cloud-init", "kickstart", "cluster", "preseed", "routed",
            "multihost");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** The CLI in {@code cwd}, with no environment variables. */
    static Run run(Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), new Main.Environment(Map.of(), cwd),
                args);
        return new Run(exit, out.toString(), err.toString());
    }

    static List<String> names() {
        return NAMES;
    }

    /** The files of a directory, relative to it, sorted. */
    static List<String> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void theIndexListsEveryExampleAndEveryFileOfIt() throws IOException {
        assertThat(Examples.all()).extracting(Examples.Example::name).containsExactlyElementsOf(NAMES);
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            assertThat(s.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(NAMES);
        }
        for (Examples.Example e : Examples.all()) {
            assertThat(e.files()).as(e.name()).containsExactlyInAnyOrderElementsOf(files(EXAMPLES.resolve(e.name())));
            assertThat(e.description()).as(e.name()).matches("[A-Z][^\n]*\\.");
            // The jar's copy is the repository's.
            for (String f : e.files()) {
                assertThat(e.read(f)).as(e.name() + "/" + f).isEqualTo(Files.readAllBytes(EXAMPLES.resolve(e.name())
                        .resolve(f)));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyExampleOfTheRepositoryValidatesAndBuilds(String name) throws IOException {
        Path example = EXAMPLES.resolve(name);
        Run validate = run(dir, "validate", "-C", example.toString());
        assertThat(validate.exit()).as(validate.err()).isZero();
        assertThat(validate.out()).matches("site [a-z]+ is valid: \\d networks?, \\d guests?, \\d+ DHCP reservations?\n");
        assertThat(validate.err()).isEmpty();
        Run build = run(dir, "build", "-C", example.toString(), "-w", dir.resolve("out").toString());
        assertThat(build.exit()).as(build.err()).isZero();
        assertThat(build.out()).startsWith("built site ").contains(" into " + dir.resolve("out") + ": ");
        assertThat(dir.resolve("out/site.json")).isRegularFile();
        // Its kickstarts, each in the syntax of its guest's release.
        org.miniascape.testing.ArtifactChecks.checkKickstarts(dir.resolve("out"));
        // Documentation address ranges only, and pools under /var/lib/libvirt/images.
        String yaml = Files.readString(example.resolve("miniascape.yml"));
        assertThat(yaml.lines().filter(l -> l.matches(".*\\b\\d+\\.\\d+\\.\\d+\\.\\d+\\b.*")))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l.replaceAll("\\b(198\\.51\\.100|203\\.0\\.113|192\\.0\\.2)\\.\\d+", ""))
                        .as(l).doesNotContainPattern("\\b\\d+\\.\\d+\\.\\d+\\.\\d+\\b"));
        assertThat(yaml.lines().filter(l -> l.contains("path:")))
                .allSatisfy(l -> assertThat(l).contains("path: /var/lib/libvirt/images}"));
        assertThat(example.resolve("README.md")).content().startsWith("# " + name + "\n")
                .contains("miniascape init lab --example " + name + "\n");
    }

    @ParameterizedTest
    @MethodSource("names")
    void initWritesAnExampleThatValidatesAndBuildsWhereItIs(String name) throws IOException {
        Run init = run(dir, "init", "lab", "--example", name);
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).isEqualTo("wrote example " + name + " into lab:\n"
                + "  lab/miniascape.yml\n"
                + "  lab/README.md\n"
                + "next: cd lab && miniascape validate && miniascape build && miniascape plan\n");
        assertThat(init.err()).isEmpty();
        Path lab = dir.resolve("lab");
        assertThat(files(lab)).containsExactly("README.md", "miniascape.yml");
        assertThat(lab.resolve("miniascape.yml")).hasSameBinaryContentAs(EXAMPLES.resolve(name).resolve("miniascape.yml"));
        Run validate = run(lab, "validate");
        assertThat(validate.exit()).as(validate.err()).isZero();
        assertThat(validate.out()).startsWith("site ").contains(" is valid: ");
        Run build = run(lab, "build");
        assertThat(build.exit()).as(build.err()).isZero();
        assertThat(build.out()).startsWith("built site ").contains(" into out: ");
        assertThat(lab.resolve("out/site.json")).isRegularFile();
        assertThat(lab.resolve("out/.miniascape-output")).exists();
    }

    @Test
    void thePreseedExampleInstallsDebianFromTheMirrorsInstallTree() throws IOException {
        Run init = run(dir, "init", "lab", "--example", "preseed");
        assertThat(init.exit()).as(init.err()).isZero();
        Path lab = dir.resolve("lab");
        Run build = run(lab, "build");
        assertThat(build.exit()).as(build.err()).isZero();
        Path guest = lab.resolve("out/guests/debian");
        assertThat(files(guest)).contains("preseed.cfg", "preseed-late.sh", "vmbuild.sh", "domain.xml");
        // The packages come from the mirror of the install tree.
        assertThat(guest.resolve("preseed.cfg")).content()
                .contains("d-i mirror/http/hostname string deb.debian.org\n")
                .contains("d-i mirror/http/directory string /debian\n")
                .contains("d-i time/zone string UTC\n")
                .contains("d-i keyboard-configuration/xkb-keymap select us\n")
                .contains("d-i pkgsel/include string openssh-server sudo vim\n")
                .containsPattern("d-i passwd/root-password-crypted password \\$6\\$")
                .doesNotContain("changeme");
        assertThat(guest.resolve("vmbuild.sh")).content()
                .contains("--location http://deb.debian.org/debian/dists/bookworm/main/installer-amd64/\n")
                .contains("--initrd-inject \"$here\"/preseed.cfg\n")
                .contains("--initrd-inject \"$here\"/preseed-late.sh\n");
        assertThat(guest.resolve("preseed-late.sh")).content()
                .contains("ssh-ed25519 REPLACE-WITH-YOUR-PUBLIC-KEY user@example.org")
                .contains("installed by miniascape");
    }

    @Test
    void theRoutedExampleHasARouterWithANicOnEachNetworkAndAClientOnEach() throws IOException {
        Run init = run(dir, "init", "lab", "--example", "routed");
        assertThat(init.exit()).as(init.err()).isZero();
        Path lab = dir.resolve("lab");
        Run build = run(lab, "build");
        assertThat(build.exit()).as(build.err()).isZero();
        Path out = lab.resolve("out");
        assertThat(out.resolve("networks/routed.xml")).content().contains("<forward mode=\"route\"/>")
                .contains("<ip address=\"198.51.100.1\" netmask=\"255.255.255.0\">");
        // Isolated: no forward element at all.
        assertThat(out.resolve("networks/inner.xml")).content().doesNotContain("<forward")
                .contains("<ip address=\"203.0.113.1\" netmask=\"255.255.255.0\">");
        assertThat(out.resolve("guests/router/domain.xml")).content()
                .contains("<source network=\"routed\"/>").contains("<source network=\"inner\"/>");
        assertThat(out.resolve("guests/client-a/domain.xml")).content()
                .contains("<source network=\"routed\"/>").doesNotContain("<source network=\"inner\"/>");
        assertThat(out.resolve("guests/client-b/domain.xml")).content()
                .contains("<source network=\"inner\"/>").doesNotContain("<source network=\"routed\"/>");
        assertThat(out.resolve("networks/routed.xml")).content()
                .containsPattern("<host mac=\"[0-9a-f:]+\" ip=\"198.51.100.10\" name=\"router\"/>")
                .containsPattern("<host mac=\"[0-9a-f:]+\" ip=\"198.51.100.11\" name=\"client-a\"/>");
        assertThat(out.resolve("networks/inner.xml")).content()
                .containsPattern("<host mac=\"[0-9a-f:]+\" ip=\"203.0.113.10\" name=\"router\"/>")
                .containsPattern("<host mac=\"[0-9a-f:]+\" ip=\"203.0.113.11\" name=\"client-b\"/>");
        // The router forwards; each client routes the other network through it.
        assertThat(out.resolve("guests/router/cloud-init/user-data")).content().contains("net.ipv4.ip_forward = 1");
        assertThat(out.resolve("guests/client-a/cloud-init/user-data")).content()
                .contains("ip route replace 203.0.113.0/24 via 198.51.100.10");
        assertThat(out.resolve("guests/client-b/cloud-init/user-data")).content()
                .contains("ip route replace default via 203.0.113.10");
    }

    @Test
    void theDefaultIsMinimalAndTheDirectoryIsCreatedWithItsParents() throws IOException {
        Run init = run(dir, "init", "a/b");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).startsWith("wrote example minimal into a/b:\n");
        assertThat(dir.resolve("a/b/miniascape.yml")).hasSameBinaryContentAs(EXAMPLES.resolve("minimal/miniascape.yml"));
        // An existing empty directory is fine; an absolute DIR is taken as it is.
        Files.createDirectory(dir.resolve("empty"));
        Run empty = run(Path.of("/nonexistent"), "init", dir.resolve("empty").toString(), "-e", "kickstart");
        assertThat(empty.exit()).as(empty.err()).isZero();
        assertThat(files(dir.resolve("empty"))).containsExactly("README.md", "miniascape.yml");
        // A directory a shell would split is quoted in the next commands.
        Run spaced = run(dir, "init", "my lab");
        assertThat(spaced.out()).endsWith("next: cd 'my lab' && miniascape validate && miniascape build"
                + " && miniascape plan\n");
    }

    @Test
    void aDirectoryThatIsNotEmptyIsRefusedUnlessForce() throws IOException {
        Path lab = Files.createDirectory(dir.resolve("lab"));
        Files.writeString(lab.resolve("notes.txt"), "mine\n");
        Run refused = run(dir, "init", "lab");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("miniascape: error: lab exists and is not empty; choose a new directory,"
                + " or add the example's files to it with --force (which never overwrites a file)\n");
        assertThat(refused.out()).isEmpty();
        assertThat(files(lab)).containsExactly("notes.txt");
        Run forced = run(dir, "init", "lab", "--force", "-e", "cluster");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(files(lab)).containsExactly("README.md", "miniascape.yml", "notes.txt");
        assertThat(lab.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void anExistingFileOfTheExampleIsNeverOverwrittenEvenWithForce() throws IOException {
        Path lab = Files.createDirectory(dir.resolve("lab"));
        Files.writeString(lab.resolve("miniascape.yml"), "site: mine\n");
        Run refused = run(dir, "init", "lab", "--force");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("miniascape: error: lab/miniascape.yml exists and init never overwrites a"
                + " file; move it away, or choose a new directory (nothing was written)\n");
        assertThat(files(lab)).containsExactly("miniascape.yml");
        assertThat(lab.resolve("miniascape.yml")).hasContent("site: mine");
        // A second init over a first one names every file.
        Run first = run(dir, "init", "other");
        assertThat(first.exit()).isZero();
        Run again = run(dir, "init", "other", "--force");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("miniascape: error: other/miniascape.yml, other/README.md exist and init"
                + " never overwrites a file; move them away, or choose a new directory (nothing was written)\n");
    }

    @Test
    void aFileAsDirIsRefused() throws IOException {
        Files.writeString(dir.resolve("lab"), "x\n");
        Run r = run(dir, "init", "lab", "--force");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("miniascape: error: lab exists and is not a directory; choose a new directory\n");
        assertThat(dir.resolve("lab")).hasContent("x");
    }

    @Test
    void badUsage() {
        Run none = run(dir, "init");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("miniascape: error: name the directory to write the site into: miniascape"
                + " init DIR [--example NAME]\n");
        Run unknown = run(dir, "init", "lab", "--example", "nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("miniascape: error: there is no example 'nope' (there are: minimal,"
                + " cloud-init, kickstart, cluster, preseed, routed, multihost; --list describes them)\n");
        Run listWithDir = run(dir, "init", "lab", "--list");
        assertThat(listWithDir.exit()).isEqualTo(2);
        assertThat(listWithDir.err()).isEqualTo("miniascape: error: --list shows the examples and writes nothing; it"
                + " takes no DIR (to write one: miniascape init lab --example NAME)\n");
        Run two = run(dir, "init", "a", "b");
        assertThat(two.exit()).isEqualTo(2);
        assertThat(two.err()).startsWith("miniascape: error: Unmatched argument at index 2: 'b'\n");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void listShowsEachExampleWithItsDescription() {
        String expected = """
                minimal     One NAT network and one guest that boots a cloud image as it is.
                cloud-init  A web and a database guest set up by cloud-init, on a NAT and an isolated network.
                kickstart   RHEL and Fedora guests installed by kickstart from an install tree.
                cluster     A three-node cluster group and a management guest on two networks.
                preseed     A Debian guest installed by the Debian installer from an install tree, answered by a preseed file.
                routed      A router guest between a routed and an isolated network, with a client on each.
                multihost   One site over two libvirt hosts, its networks stretched between them by VXLAN.
                """;
        for (String[] args : List.of(new String[] {"init", "--list"}, new String[] {"init", "--example", "list"},
                new String[] {"init", "--list-examples"})) {
            Run r = run(dir, args);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo(expected);
            assertThat(r.err()).isEmpty();
        }
    }
}
