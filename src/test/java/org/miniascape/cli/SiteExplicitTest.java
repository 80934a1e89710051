package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.MiniascapeException;
import org.miniascape.testing.TestDriver;
import picocli.CommandLine;

/**
 * Which site and which libvirt a command acts on: the commands that touch libvirt never take the embedded demo
 * site unasked, and every command resolves its URI by the same rule. Each run gets its own environment variables
 * and working directory (never this process's), so the lookup is tested as a user's shell would drive it.
 */
class SiteExplicitTest {
    static final Path SITE = Path.of("src/test/resources/apply/site.yml").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** The CLI with these environment variables, in {@code cwd}. */
    static Run run(Map<String, String> env, Path cwd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), new Main.Environment(env, cwd),
                args);
        return new Run(exit, out.toString(), err.toString());
    }

    Run run(String... args) {
        return run(Map.of(), dir, args);
    }

    /** The test site split into two files of a directory: its name in a.yml, its networks in b.yml. */
    Path siteDirectory(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        String site = Files.readString(SITE);
        int networks = site.indexOf("\nnetworks:");
        Files.writeString(d.resolve("a.yml"), site.substring(0, networks));
        Files.writeString(d.resolve("b.yml"), site.substring(networks));
        return d;
    }

    @Test
    void withoutASiteEveryLibvirtCommandIsExit2WithAHint() {
        String uri = TestDriver.uri(dir);
        String[][] commands = {
            {"net", "register", "--all"}, {"net", "update", "--all"}, {"net", "unregister", "--all"}, {"net", "list"},
            {"net", "status", "net-1"}, {"storage", "register"}, {"storage", "unregister"}, {"storage", "list"},
            {"guest", "define", "--all"}, {"guest", "start", "--all"}, {"guest", "stop", "--all"},
            {"guest", "undefine", "--all"}, {"guest", "status", "--all"}, {"guest", "install", "x"}, {"up"}, {"down"},
            {"plan"}, {"plan", "--destroy"}, {"status"},
        };
        for (String[] command : commands) {
            String[] args = GuestCommandTest.concat(command, new String[] {"-c", uri});
            Run r = run(args);
            assertThat(r.exit()).as(String.join(" ", command) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", command)).isEqualTo("miniascape: error: no site to act on: no -C,"
                    + " $MINIASCAPE_SITE is not set, and there is no " + dir.resolve("miniascape.yml") + ", "
                    + dir.resolve("miniascape.yaml") + " or " + dir.resolve("site") + "/ directory; name your site"
                    + " with -C PATH (or $MINIASCAPE_SITE), or use --demo for the embedded demo site\n");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void buildAndValidateKeepTheEmbeddedSite() {
        Run validate = run("validate");
        assertThat(validate.exit()).as(validate.err()).isZero();
        assertThat(validate.out()).startsWith("site lab is valid: 3 networks, ");
        Run build = run("build", "-w", dir.resolve("out").toString());
        assertThat(build.exit()).as(build.err()).isZero();
        assertThat(build.out()).startsWith("built site lab into " + dir.resolve("out"));
        assertThat(dir.resolve("out/networks/net-1.xml")).exists();
    }

    @Test
    void buildAndValidateTakeTheSiteTheLibvirtCommandsWouldFindBeforeTheEmbeddedOne() throws Exception {
        Files.copy(SITE, dir.resolve("miniascape.yml"));
        Run validate = run("validate");
        assertThat(validate.exit()).as(validate.err()).isZero();
        assertThat(validate.out()).isEqualTo("site applytest is valid: 2 networks, 0 guests, 3 DHCP reservations\n");
        Run named = run(Map.of("MINIASCAPE_SITE", siteDirectory("conf").toString()), dir, "validate");
        assertThat(named.out()).startsWith("site applytest is valid");
        Run given = run("validate", "-C", SITE.toString());
        assertThat(given.out()).startsWith("site applytest is valid");
        Run build = run("build", "-w", dir.resolve("out").toString());
        assertThat(build.exit()).as(build.err()).isZero();
        assertThat(dir.resolve("out/networks/mia-nat.xml")).exists();
        assertThat(dir.resolve("out/networks/net-1.xml")).doesNotExist();
    }

    @Test
    void demoIsTheEmbeddedSiteAndSaysSo() {
        String uri = TestDriver.uri(dir);
        Run r = run("net", "register", "--all", "--demo", "-c", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                + network net-1: create (not defined)
                + network net-2: create (not defined)
                + network net-3: create (not defined)
                Plan: 3 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy
                network net-1: created (define, autostart on, start)
                network net-2: created (define, autostart on, start)
                network net-3: created (define, autostart on, start)
                Applied: 3 changes
                """);
        String header = "miniascape: site lab (the embedded demo site) on " + uri + "\n";
        assertThat(r.err()).isEqualTo(header);
        // up plans the whole demo site; on an empty host the base image of its cloud-init guest is missing, which
        // is refused (exit 3) before anything is done.
        Run up = run("up", "--demo", "--dry-run", "-c", uri);
        assertThat(up.exit()).as(up.err()).isEqualTo(3);
        String missing = "volume default/ubuntu-24.04-server-cloudimg-amd64.img: the base image of ubuntu-client is"
                + " missing (pool default does not exist yet); put the image into pool default first";
        assertThat(up.out()).startsWith("+ network net-1: create (not defined)\n")
                .contains("\n! " + missing.replaceFirst(": ", ": refuse (") + ")\n")
                .endsWith("\nPlan: 40 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy;"
                        + " 9 guests to wait for; 1 refused\n");
        assertThat(up.err()).isEqualTo(header + "miniascape: nothing was changed: 1 refused:\n  " + missing + "\n");
    }

    @Test
    void demoWithConfigIsBadUsage() {
        Run r = run("net", "list", "--demo", "-C", SITE.toString(), "-c", TestDriver.uri(dir));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("miniascape: error: --demo and -C exclude each other: --demo is the embedded"
                + " demo site, -C PATH your own\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void miniascapeSiteNamesTheSiteAsMinusCWould() throws Exception {
        Path conf = siteDirectory("conf");
        // It comes before the working directory's own site file, and is relative to the working directory.
        Files.writeString(dir.resolve("miniascape.yml"), "site: other\n");
        String uri = TestDriver.uri(dir);
        Run r = run(Map.of("MINIASCAPE_SITE", "conf"), dir, "net", "register", "mia-iso", "-c", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                + network mia-iso: create (not defined)
                Plan: 1 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy
                network mia-iso: created (define, autostart on, start)
                Applied: 1 change
                """);
        // The files actually read: the directory's, in merge order.
        assertThat(r.err()).isEqualTo("miniascape: site applytest (" + conf.resolve("a.yml") + ", "
                + conf.resolve("b.yml") + ") on " + uri + "\n");
        // A glob, as -C takes it.
        Run glob = run(Map.of("MINIASCAPE_SITE", conf + "/*.yml"), dir, "net", "list", "-c", uri);
        assertThat(glob.exit()).as(glob.err()).isZero();
        assertThat(glob.out()).contains("mia-nat", "mia-iso");
        // -C wins over it.
        Run given = run(Map.of("MINIASCAPE_SITE", "nowhere"), dir, "net", "list", "-C", SITE.toString(), "-c", uri);
        assertThat(given.exit()).as(given.err()).isZero();
    }

    @Test
    void aMiniascapeSiteThatIsNotThereIsExit2() {
        Run r = run(Map.of("MINIASCAPE_SITE", "lab.yml"), dir, "net", "list", "-c", TestDriver.uri(dir));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("miniascape: error: $MINIASCAPE_SITE is 'lab.yml', but " + dir.resolve("lab.yml")
                + " does not exist; unset it, or name your site with -C PATH\n");
    }

    @Test
    void theWorkingDirectorysSiteFileIsFound() throws Exception {
        Files.copy(SITE, dir.resolve("miniascape.yml"));
        String uri = TestDriver.uri(dir);
        Run r = run("net", "unregister", "--all", "-c", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                = network mia-nat: none (not defined)
                = network mia-iso: none (not defined)
                Plan: 0 to add, 0 to update live, 0 to redefine, 0 to replace, 0 to destroy
                """);
        assertThat(r.err()).isEqualTo("miniascape: site applytest (" + dir.resolve("miniascape.yml") + ") on " + uri
                + "\n");
    }

    @Test
    void theLookupOrder() throws Exception {
        assertThatThrownBy(() -> HostSiteOptions.lookup(Map.of(), dir)).isInstanceOf(MiniascapeException.class)
                .satisfies(e -> assertThat(((MiniascapeException) e).exitCode()).isEqualTo(ExitCode.USAGE_OR_CONFIG));
        Files.createDirectories(dir.resolve("site"));
        assertThat(HostSiteOptions.lookup(Map.of(), dir)).isEqualTo(dir.resolve("site").toString());
        Files.writeString(dir.resolve("miniascape.yaml"), "site: a\n");
        assertThat(HostSiteOptions.lookup(Map.of(), dir)).isEqualTo(dir.resolve("miniascape.yaml").toString());
        Files.writeString(dir.resolve("miniascape.yml"), "site: a\n");
        assertThat(HostSiteOptions.lookup(Map.of(), dir)).isEqualTo(dir.resolve("miniascape.yml").toString());
        // Blank is unset; an absolute path stays as it is.
        assertThat(HostSiteOptions.lookup(Map.of("MINIASCAPE_SITE", " "), dir))
                .isEqualTo(dir.resolve("miniascape.yml").toString());
        assertThat(HostSiteOptions.lookup(Map.of("MINIASCAPE_SITE", SITE.toString()), dir)).isEqualTo(SITE.toString());
        // The process's own working directory shows as ./
        assertThat(HostSiteOptions.lookup(Map.of("MINIASCAPE_SITE", "pom.xml"), Path.of("."))).isEqualTo("./pom.xml");
    }

    @Test
    void aSiteDirectoryIsReadWhole() throws Exception {
        Path site = siteDirectory("site");
        String uri = TestDriver.uri(dir);
        Run r = run("storage", "register", "-c", uri);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("miniascape: site applytest (" + site.resolve("a.yml") + ", "
                + site.resolve("b.yml") + ") on " + uri + "\n");
    }

    @Test
    void theHeaderGoesToStderrSoThatJsonStaysOneDocument() throws Exception {
        String uri = TestDriver.uri(dir);
        String header = "miniascape: site applytest (" + SITE + ") on " + uri + "\n";
        Run r = run("net", "register", "mia-iso", "-C", SITE.toString(), "-c", uri, "--dry-run", "-o", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        var doc = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature
                .FAIL_ON_TRAILING_TOKENS).readTree(r.out());
        assertThat(doc.get("plan").get("counts").get("create").asInt()).isEqualTo(1);
        assertThat(doc.get("plan").get("uri").asText()).isEqualTo(uri);
        assertThat(r.err()).isEqualTo(header);
        // plan and --dry-run, which change nothing, say what their plan is for all the same.
        Run plan = run("plan", "-C", SITE.toString(), "-c", uri);
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.err()).isEqualTo(header);
        // The header comes first: before the plan, and before a refusal found while planning (exit 3).
        Run foreign = run("net", "register", "mia-nat", "-C", SITE.toString(), "-c", TestDriver.uri(dir,
                "<network><name>mia-nat</name><bridge name='mia-nat0'/></network>"));
        assertThat(foreign.exit()).isEqualTo(3);
        assertThat(foreign.err()).startsWith(header + "miniascape: nothing was changed: 1 refused:\n");
        // Commands that only look print none.
        Run list = run("net", "list", "-C", SITE.toString(), "-c", uri);
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.err()).isEmpty();
        // Nor does a command refused before it plans anything.
        Run refused = run("net", "register", "nope", "-C", SITE.toString(), "-c", uri);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("miniascape: error: site applytest has no network 'nope' (it has:"
                + " mia-nat, mia-iso)\n");
    }

    @Test
    void describeNamesTheFilesRead() throws Exception {
        Path conf = siteDirectory("conf");
        HostSiteOptions options = new HostSiteOptions(Map.of(), dir);
        new CommandLine(new Object() {
            @CommandLine.Mixin
            HostSiteOptions site = options;
        }).parseArgs("-C", conf.toString());
        assertThatThrownBy(() -> options.describe(null)).isInstanceOf(IllegalStateException.class);
        var site = options.load();
        assertThat(options.describe(site)).isEqualTo("site applytest (" + conf.resolve("a.yml") + ", "
                + conf.resolve("b.yml") + ")");
    }

    @Test
    void theUriRule() {
        Map<String, String> env = Map.of("LIBVIRT_DEFAULT_URI", "test:///from-env");
        assertThat(ConnectOption.chosen(null, Map.of())).isEmpty();
        assertThat(ConnectOption.chosen(null, Map.of("LIBVIRT_DEFAULT_URI", ""))).isEmpty();
        assertThat(ConnectOption.chosen(null, env)).contains("test:///from-env");
        assertThat(ConnectOption.chosen("test:///given", env)).contains("test:///given");
        assertThat(new ConnectOption(Map.of()).uri()).isEqualTo("qemu:///system");
        assertThat(new ConnectOption(env).uri()).isEqualTo("test:///from-env");
    }

    /** The command as picocli makes it from these arguments, in this environment. */
    static <T> T parsed(T command, Map<String, String> env, String... args) {
        new CommandLine(command, new Main.Environment(env, Path.of("."))).parseArgs(args);
        return command;
    }

    @Test
    void repackAndUnpackTakeTheSameConnectOption() {
        Map<String, String> env = Map.of("LIBVIRT_DEFAULT_URI", "test:///from-env");
        // repack DOMAIN: always a URI, by the rule.
        assertThat(RepackCommand.uri(false, parsed(new RepackCommand(), Map.of(), "web").connection))
                .contains("qemu:///system");
        assertThat(RepackCommand.uri(false, parsed(new RepackCommand(), env, "web").connection))
                .contains("test:///from-env");
        assertThat(RepackCommand.uri(false, parsed(new RepackCommand(), env, "web", "-c", "test:///c").connection))
                .contains("test:///c");
        // repack FILE.xml: libvirt only when named.
        assertThat(RepackCommand.uri(true, parsed(new RepackCommand(), Map.of(), "web.xml").connection)).isEmpty();
        assertThat(RepackCommand.uri(true, parsed(new RepackCommand(), env, "web.xml").connection))
                .contains("test:///from-env");
        assertThat(RepackCommand.uri(true, parsed(new RepackCommand(), Map.of(), "web.xml", "--connect",
                "test:///c").connection)).contains("test:///c");
        // unpack: defines where -c or $LIBVIRT_DEFAULT_URI says, else nowhere.
        assertThat(UnpackCommand.uri(parsed(new UnpackCommand(), Map.of(), "b").connection)).isEmpty();
        assertThat(UnpackCommand.uri(parsed(new UnpackCommand(), env, "b").connection)).contains("test:///from-env");
        assertThat(UnpackCommand.uri(parsed(new UnpackCommand(), env, "b", "-c", "test:///c").connection))
                .isEqualTo(Optional.of("test:///c"));
    }

    @Test
    void libvirtDefaultUriReachesEveryCommand() throws Exception {
        String missing = "test://" + dir.resolve("missing.xml");
        Map<String, String> env = Map.of("LIBVIRT_DEFAULT_URI", missing);
        Run list = run(env, dir, "net", "list", "-C", SITE.toString());
        assertThat(list.exit()).isEqualTo(1);
        assertThat(list.err()).startsWith("miniascape: error: cannot connect to libvirt at " + missing);
        Run repack = run(env, dir, "repack", "web1", "-w", dir.resolve("w").toString());
        assertThat(repack.exit()).isEqualTo(1);
        assertThat(repack.err()).startsWith("miniascape: error: cannot connect to libvirt at " + missing);
        Run unpack = run(env, dir, "unpack", dir.resolve("vm-x-1").toString(), "--pool", "p");
        assertThat(unpack.exit()).isEqualTo(1);
        assertThat(unpack.err()).startsWith("miniascape: error: cannot connect to libvirt at " + missing);
        Run pool = run(Map.of(), dir, "unpack", dir.resolve("vm-x-1").toString(), "--pool", "p");
        assertThat(pool.exit()).isEqualTo(2);
        assertThat(pool.err()).isEqualTo("miniascape: error: --pool needs a libvirt URI: -c URI, or "
                + "$LIBVIRT_DEFAULT_URI\n");
        // -c wins.
        Run given = run(env, dir, "net", "list", "-C", SITE.toString(), "-c", TestDriver.uri(dir));
        assertThat(given.exit()).as(given.err()).isZero();
    }
}
