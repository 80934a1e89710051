package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.testing.TestDriver;

/** guest, storage, up and down in process against the test driver (each run starts from node.xml). */
class GuestCommandTest {
    @TempDir
    Path dir;
    Path site;
    Path guests;

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeEach
    void files() throws Exception {
        site = Path.of("src/test/resources/apply/site.yml").toAbsolutePath();
        guests = dir.resolve("guests.yml");
        Files.writeString(guests, Files.readString(Path.of("src/test/resources/apply/site-guests.yml"))
                .replace("@POOL@", dir.resolve("pool").toString()));
    }

    @Test
    void guestDefineCreatesPoolAndVolumesFirst() {
        Run r = run("guest", "define", "mia-vm", "-C", site.toString(), "-C", guests.toString(),
                "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                pool mia-pool: created (defined, built, autostart, started)
                volume mia-pool/mia-vm-disk0.qcow2: created
                guest mia-vm: defined
                3 changes (2 created, 1 defined)
                """);
    }

    @Test
    void aGuestNamedTwiceIsDefinedOnce() {
        Run r = run("guest", "define", "mia-vm", "mia-vm", "-C", site.toString(), "-C", guests.toString(),
                "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).endsWith("3 changes (2 created, 1 defined)\n");
    }

    @Test
    void startingAnUndefinedGuestWithJsonOutputIsJsonOnStdout() throws Exception {
        Run r = run("guest", "start", "mia-vm", "-o", "json", "-C", site.toString(), "-C", guests.toString(),
                "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("guest mia-vm is not defined");
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(doc.get("exit_code").asInt()).isEqualTo(3);
        assertThat(doc.get("error").asText()).startsWith("guest mia-vm is not defined");
    }

    @Test
    void upDryRunShowsTheWholePlanInOrder() {
        Run r = run("up", "--dry-run", "-C", site.toString(), "-C", guests.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                network mia-nat: would create (defined, autostart, started)
                network mia-iso: would create (defined, autostart, started)
                pool mia-pool: would create (defined, built, autostart, started)
                volume mia-pool/mia-vm-disk0.qcow2: would create
                guest mia-vm: would define
                guest mia-vm: would start
                dry run: 6 changes (4 would create, 1 would define, 1 would start)
                """);
    }

    @Test
    void downOfAnEmptyHostFindsNothing() {
        Run r = run("down", "-C", site.toString(), "-C", guests.toString(), "--connect", TestDriver.uri(dir));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("guest mia-vm: absent (not defined)", "pool mia-pool: absent",
                "network mia-nat: absent (not defined, nothing to do)").endsWith("0 changes (5 absent)\n");
    }

    @Test
    void statusStartAndInstallOfWhatCannotBe() {
        String uri = TestDriver.uri(dir);
        Run status = run("guest", "status", "--all", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(status.out()).contains("mia-vm               no       undefined    none");
        Run start = run("guest", "start", "mia-vm", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(start.exit()).isEqualTo(3);
        assertThat(start.err()).contains("guest mia-vm is not defined; run 'miniascape guest define mia-vm' first");
        Run install = run("guest", "install", "mia-vm", "-C", site.toString(), "-C", guests.toString(),
                "--connect", uri);
        assertThat(install.exit()).isEqualTo(2);
        assertThat(install.err()).contains("guest mia-vm is installed by 'none': there is no installer to run");
        Run unknown = run("guest", "stop", "nope", "-C", site.toString(), "--connect", uri);
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("site applytest has no guest 'nope'");
    }

    @Test
    void storageRegisterAndList() {
        String uri = TestDriver.uri(dir);
        Run reg = run("storage", "register", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(reg.exit()).as(reg.err()).isZero();
        assertThat(reg.out()).endsWith("2 changes (2 created)\n");
        Run list = run("storage", "list", "-C", site.toString(), "-C", guests.toString(), "--connect", uri);
        assertThat(list.out()).contains("pool   mia-pool                       defined=no active=no autostart=no",
                "volume mia-pool/mia-vm-disk0.qcow2    missing");
    }

    @Test
    void installMakesWayForTheInstallerOrRefusesARunningGuest() throws Exception {
        Path ks = dir.resolve("ks.yml");
        Files.writeString(ks, """
                guests:
                  - name: mia-ks
                    memory: 512
                    virt_type: qemu
                    os_variant: generic
                    disks: [{pool: mia-pool, size: 1}]
                    interfaces: [{network: mia-nat, mac: "52:54:00:aa:00:40", ip: 198.51.100.40}]
                    install: {method: kickstart, location: "http://198.51.100.1/repo/"}
                """);
        String[] config = {"-C", site.toString(), "-C", guests.toString(), "-C", ks.toString()};
        Path out = dir.resolve("out");
        assertThat(run(concat(new String[] {"build", "-w", out.toString()}, config)).exit()).isZero();
        String domain = Files.readString(out.resolve("guests/mia-ks/domain.xml"));
        // The test driver runs the domains of its node file.
        String uri = TestDriver.uri(dir, domain);
        Run running = run(concat(new String[] {"guest", "install", "mia-ks", "-w", out.toString(), "--connect", uri},
                config));
        assertThat(running.exit()).isEqualTo(3);
        assertThat(running.err()).contains("guest mia-ks is running; an installer would overwrite its disks");

        Run stopped = run(concat(new String[] {"guest", "install", "mia-ks", "-w", out.toString(), "--dry-run",
            "--connect", TestDriver.uri(dir, domain.replace("<domain ", "<domain xmlns:test='http://libvirt.org/schemas/domain/test/1.0' ")
                    .replace("</domain>", "<test:runstate>5</test:runstate></domain>"))}, config));
        assertThat(stopped.exit()).as(stopped.err()).isZero();
        assertThat(stopped.out()).startsWith("guest mia-ks: would undefine the domain defined by 'up'/'guest define'"
                + " (volumes stay), then run " + out.resolve("guests/mia-ks/vmbuild.sh"));

        Run missing = run(concat(new String[] {"guest", "install", "mia-ks", "-w", dir.resolve("nowhere").toString(),
            "--connect", uri}, config));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("guests/mia-ks/vmbuild.sh does not exist; run 'miniascape build -w");
    }

    @Test
    void installWithJsonOutputPrintsOnlyJsonOnStdout() throws Exception {
        Path ks = dir.resolve("ks.yml");
        Files.writeString(ks, """
                guests:
                  - name: mia-ks
                    memory: 512
                    virt_type: qemu
                    os_variant: generic
                    disks: [{pool: mia-pool, size: 1}]
                    interfaces: [{network: mia-nat, mac: "52:54:00:aa:00:40", ip: 198.51.100.40}]
                    install: {method: kickstart, location: "http://198.51.100.1/repo/"}
                """);
        String[] config = {"-C", site.toString(), "-C", guests.toString(), "-C", ks.toString()};
        Path out = dir.resolve("out");
        assertThat(run(concat(new String[] {"build", "-w", out.toString()}, config)).exit()).isZero();
        String domain = Files.readString(out.resolve("guests/mia-ks/domain.xml"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();

        Run defined = run(concat(new String[] {"guest", "install", "mia-ks", "-w", out.toString(), "--dry-run",
            "-o", "json", "--connect", TestDriver.uri(dir, domain.replace("<domain ",
                    "<domain xmlns:test='http://libvirt.org/schemas/domain/test/1.0' ")
                    .replace("</domain>", "<test:runstate>5</test:runstate></domain>"))}, config));
        assertThat(defined.exit()).as(defined.err()).isZero();
        var doc = json.readTree(defined.out());
        assertThat(doc.get("dry_run").asBoolean()).isTrue();
        assertThat(doc.get("changes").get(0).get("name").asText()).isEqualTo("mia-ks");

        Run fresh = run(concat(new String[] {"guest", "install", "mia-ks", "-w", out.toString(), "--dry-run",
            "-o", "json", "--connect", TestDriver.uri(dir)}, config));
        // The installer runs (its dry run gets as far as virt-install, which finds no qemu on the test driver):
        // its own output goes to stderr, none of it to stdout.
        assertThat(fresh.exit()).as(fresh.out() + fresh.err()).isEqualTo(1);
        assertThat(fresh.err()).contains("dry run: would create volume mia-ks-disk0.qcow2",
                "the installer of guest mia-ks");
        assertThat(fresh.out()).isEmpty();
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
