package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.miniascape.testing.Cli;
import org.miniascape.testing.TestDriver;

/**
 * A site over several hosts: every command that acts on libvirt refuses it (exit 2) before it connects, so
 * nothing is ever applied to the one URI it would connect to; validate and build take it.
 */
class MultiHostCommandTest {
    static final Path SITE = Path.of("src/test/resources/scenarios/multi-host/config/site.yml").toAbsolutePath();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plan", "up", "down --yes", "status", "net list", "net register --all",
        "storage register", "guest define --all", "ssh web-1", "console web-1"})
    void everyLibvirtCommandRefusesASiteOverSeveralHosts(String command) throws Exception {
        // A test-driver host that holds nothing: had anything been applied, it would show there.
        Path driver = Files.createDirectories(dir.resolve("driver"));
        String uri = TestDriver.uri(driver);
        String node = Files.readString(driver.resolve("node.xml"));
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("-C", SITE.toString()));
        if (!command.startsWith("ssh")) { // ssh talks to the guest, not to libvirt: no -c
            args.addAll(List.of("-c", uri));
        }
        Cli.Run run = Cli.run(Map.of(), dir, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("miniascape: error: site multi spreads over 3 hosts (kvm1, kvm2, kvm3), and"
                + " applying a site to several hosts is not implemented yet: nothing was done. 'miniascape build'"
                + " writes each host's network XML and VXLAN script into hosts/HOST/ (see docs/outputs.md)\n");
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(driver.resolve("node.xml"))).isEqualTo(node);
    }

    @Test
    void validateAndBuildTakeIt() {
        Cli.Run validate = Cli.run(Map.of(), dir, "validate", "-C", SITE.toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        Cli.Run build = Cli.run(Map.of(), dir, "build", "-C", SITE.toString(), "-w", dir.resolve("out").toString());
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(dir.resolve("out/hosts/kvm2/vxlan.sh")).exists();
    }

    /** One host is no spread: the commands act on -c as they always do (the host's own uri is not used yet). */
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
        assertThat(run.out()).contains("lan");
    }
}
