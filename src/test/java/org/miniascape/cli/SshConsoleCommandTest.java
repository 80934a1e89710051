package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.exec.Command;
import org.miniascape.exec.Executor;
import org.miniascape.testing.Cli;
import picocli.CommandLine;

/** 'ssh' and 'console' in process: the command lines they run (--print), their site lookup and errors. */
class SshConsoleCommandTest {
    static final Path SITE = Path.of("src/test/resources/apply/site.yml").toAbsolutePath();
    static final String KEY_OPTIONS = "-o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=";

    @TempDir
    Path dir;
    Path guests;

    @BeforeEach
    void files() throws IOException {
        guests = dir.resolve("guests.yml");
        Files.writeString(guests, Files.readString(Path.of("src/test/resources/status/guests.yml"))
                .replace("@POOL@", dir.resolve("pool").toString()));
    }

    Cli.Run run(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args[0], "-C", SITE.toString(), "-C", guests.toString()));
        all.addAll(List.of(args).subList(1, args.length));
        return Cli.run(env, dir, all.toArray(String[]::new));
    }

    @Test
    void sshPrintsTheCommandToTheFirstReservedAddressAsRootWithTheSitesKnownHosts() {
        Cli.Run r = run(Map.of("HOME", "/home/u"), "ssh", "mia-vm", "--print");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("ssh " + KEY_OPTIONS + "/home/u/.cache/miniascape/applytest/known_hosts"
                + " root@198.51.100.20\n");
        // XDG_CACHE_HOME wins over HOME; a relative one is ignored, as the XDG specification says.
        assertThat(run(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "/var/cache/u"), "ssh", "mia-vm", "--print").out())
                .contains("UserKnownHostsFile=/var/cache/u/miniascape/applytest/known_hosts ");
        assertThat(run(Map.of("HOME", "/home/u", "XDG_CACHE_HOME", "cache"), "ssh", "mia-vm", "--print").out())
                .contains("UserKnownHostsFile=/home/u/.cache/miniascape/applytest/known_hosts ");
    }

    @Test
    void sshPassesTheCommandAfterDoubleDashQuotedAsTypedAndUsesAnAllocatedFirstAddress() {
        // mia-two's first interface has an allocated address (the first free one of mia-nat's static range).
        Cli.Run r = run(Map.of("HOME", "/h"), "ssh", "--print", "mia-two", "--", "ls", "-l", "/a dir");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("ssh " + KEY_OPTIONS + "/h/.cache/miniascape/applytest/known_hosts"
                + " root@198.51.100.12 -- ls -l '/a dir'\n");
    }

    @Test
    void sshToAGuestWithoutAnAddressOrAnUnknownGuestIsExit2WithAHint() {
        Cli.Run bare = run(Map.of("HOME", "/h"), "ssh", "mia-bare", "--print");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.out()).isEmpty();
        assertThat(bare.err()).isEqualTo("miniascape: error: guest mia-bare has no reserved address to ssh to (it has"
                + " no interface); reach it with 'miniascape console mia-bare'\n");

        Cli.Run typo = run(Map.of("HOME", "/h"), "ssh", "mia-vn", "--print");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo("miniascape: error: site applytest has no guest 'mia-vn' (did you mean"
                + " 'mia-vm'?)\n");
        Cli.Run far = run(Map.of("HOME", "/h"), "ssh", "database", "--print");
        assertThat(far.exitCode()).isEqualTo(2);
        assertThat(far.err()).isEqualTo("miniascape: error: site applytest has no guest 'database'\n");

        Cli.Run noHome = run(Map.of(), "ssh", "mia-vm", "--print");
        assertThat(noHome.exitCode()).isEqualTo(2);
        assertThat(noHome.err()).startsWith("miniascape: error: neither $XDG_CACHE_HOME nor $HOME is set");

        Cli.Run noName = run(Map.of("HOME", "/h"), "ssh");
        assertThat(noName.exitCode()).isEqualTo(2);
        assertThat(noName.err()).contains("Missing required parameter: 'NAME'");
    }

    @Test
    void sshAndConsoleLookTheSiteUpAsEveryHostCommandDoes() throws IOException {
        Cli.Run none = Cli.run(Map.of("HOME", "/h"), dir, "ssh", "mia-vm", "--print");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("miniascape: error: no site to act on");
        assertThat(Cli.run(Map.of(), dir, "console", "mia-vm", "--print").err())
                .startsWith("miniascape: error: no site to act on");

        // $MINIASCAPE_SITE names it (a directory of YAML files here).
        Path site = Files.createDirectories(dir.resolve("lab"));
        Files.copy(SITE, site.resolve("1-site.yml"));
        Files.copy(guests, site.resolve("2-guests.yml"));
        Cli.Run found = Cli.run(Map.of("HOME", "/h", "MINIASCAPE_SITE", "lab"), dir, "ssh", "mia-vm", "--print");
        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.out()).endsWith(" root@198.51.100.20\n");
        assertThat(Cli.run(Map.of("HOME", "/h"), dir, "ssh", "--demo", "cluster-1", "--print").out())
                .isEqualTo("ssh " + KEY_OPTIONS + "/h/.cache/miniascape/lab/known_hosts root@192.168.151.51\n");
    }

    @Test
    void consolePrintsVirshOnTheUriOfConnectThenTheEnvironmentThenQemuSystem() {
        Cli.Run given = run(Map.of("LIBVIRT_DEFAULT_URI", "qemu+ssh://far/system"), "console", "mia-vm", "--print",
                "-c", "test:///default");
        assertThat(given.exitCode()).as(given.err()).isZero();
        assertThat(given.err()).isEmpty();
        assertThat(given.out()).isEqualTo("virsh -c test:///default console mia-vm\n");
        assertThat(run(Map.of("LIBVIRT_DEFAULT_URI", "qemu+ssh://far/system"), "console", "mia-vm", "--print").out())
                .isEqualTo("virsh -c qemu+ssh://far/system console mia-vm\n");
        assertThat(run(Map.of(), "console", "--print", "mia-bare").out())
                .isEqualTo("virsh -c qemu:///system console mia-bare\n");

        Cli.Run typo = run(Map.of(), "console", "mia-tow", "--print");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo("miniascape: error: site applytest has no guest 'mia-tow' (did you mean"
                + " 'mia-two'?)\n");
    }

    @Test
    void consoleHelpNamesTheSerialLog() {
        Cli.Run help = Cli.run("console", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: miniascape console").contains("/var/log/libvirt/qemu/NAME-serial.log");
    }

    /** An executor that records what it is asked to attach and answers with an exit code. */
    static final class Recording extends Executor {
        final List<List<String>> attached = new ArrayList<>();
        final int exitCode;

        Recording(int exitCode) {
            this.exitCode = exitCode;
        }

        @Override
        public int attach(Command command) {
            attached.add(command.argv());
            return exitCode;
        }
    }

    int execute(Object command, Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(command, new Main.Environment(env, dir));
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(new StringWriter()));
        List<String> all = new ArrayList<>(List.of("-C", SITE.toString(), "-C", guests.toString()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void withoutPrintTheyAttachTheTerminalAndExitWithTheToolsCode() throws IOException {
        Recording ssh = new Recording(255);
        Path cache = dir.resolve("cache");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        assertThat(execute(new SshCommand(env, ssh), env, "mia-vm", "--", "hostname")).isEqualTo(255);
        Path knownHosts = cache.resolve("miniascape/applytest/known_hosts");
        assertThat(ssh.attached).containsExactly(List.of("ssh", "-o", "StrictHostKeyChecking=accept-new", "-o",
                "UserKnownHostsFile=" + knownHosts, "root@198.51.100.20", "--", "hostname"));
        // ssh writes the file; its directory is made, the user's alone.
        assertThat(knownHosts).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts.getParent())))
                .isEqualTo("rwx------");

        Recording virsh = new Recording(1);
        assertThat(execute(new ConsoleCommand(virsh), Map.of(), "mia-two", "-c", "test:///default")).isEqualTo(1);
        assertThat(virsh.attached).containsExactly(List.of("virsh", "-c", "test:///default", "console", "mia-two"));
    }
}
