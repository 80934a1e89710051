package org.miniascape.render.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;
import org.miniascape.model.Site;
import org.miniascape.render.NetworkFilesGenerator;
import org.miniascape.render.OutputTree;
import org.miniascape.render.Templates;
import org.miniascape.render.guest.GuestFilesGenerator;
import org.miniascape.render.guest.GuestScenarios;
import org.miniascape.testing.Golden;
import org.miniascape.testing.Tools;
import org.miniascape.xml.NetworkXml;

/**
 * Host services: the package built for real (make rpm → rpmbuild), checked by rpmspec, rpmlint and rpm, and its
 * %post scriptlet run against a test-driver libvirt; the dnsmasq unit through systemd-analyze verify.
 */
class HostServicesTest {

    static Path build(Site site, Path work) {
        try (OutputTree out = new OutputTree(work)) {
            Templates t = GuestScenarios.templates();
            new NetworkFilesGenerator().generate(site, t, out);
            new GuestFilesGenerator().generate(site, t, out);
            new HostServicesGenerator().generate(site, t, out);
            out.commit();
        }
        return work;
    }

    static Site dnsmasqSite() {
        return GuestScenarios.withDnsmasqBackend(GuestScenarios.site("cluster-node-fencing"));
    }

    @Test
    void dnsmasqBackendGetsTheUnitAndOneEnabledInstancePerNetwork(@TempDir Path tmp) throws IOException {
        Path work = build(dnsmasqSite(), tmp.resolve("work"));
        Golden.assertTreeMatches("guests/dnsmasq-backend-host/expected/host", work.resolve("host"));
        assertThat(Files.readString(work.resolve("host/systemd/90-miniascape.preset")))
                .contains("enable miniascape-dnsmasq@.service net-1 net-2\n");
        // systemd reads the unit: the template and an instance of it.
        Path units = Files.createDirectories(tmp.resolve("units"));
        Files.copy(work.resolve("host/systemd/miniascape-dnsmasq@.service"),
                units.resolve("miniascape-dnsmasq@.service"));
        Tools.assertSucceeds("systemd-analyze", "verify", units.resolve("miniascape-dnsmasq@net-1.service").toString());
    }

    @Test
    void libvirtBackendOnlyGetsNoDnsmasqUnit(@TempDir Path tmp) {
        Path work = build(GuestScenarios.site("rhel9-kickstart"), tmp.resolve("work"));
        assertThat(work.resolve("host/systemd")).doesNotExist();
        assertThat(work.resolve("host/fence_virt.conf")).doesNotExist();
        assertThat(work.resolve("host/nginx/miniascape.conf")).exists();
    }

    @Test
    void fencedGuestsGetFenceVirtdOnTheBridgeTheyShare(@TempDir Path tmp) throws IOException {
        Path work = build(GuestScenarios.site("cluster-node-fencing"), tmp.resolve("work"));
        assertThat(Files.readString(work.resolve("host/fence_virt.conf")))
                .contains("#   cluster-1\n#   cluster-2\n", "interface = \"virbr151\";", "backend = \"libvirt\";");
    }

    /**
     * nginx reads the server block: {@code nginx -t} parses it and binds its listen addresses, so it runs in a
     * network namespace of its own (made by unshare, gone with the process) where the gateways are on lo.
     */
    @Test
    void nginxAcceptsTheServerBlock(@TempDir Path tmp) throws IOException {
        Site site = GuestScenarios.site("cluster-node-fencing");
        Path work = build(site, tmp.resolve("work"));
        Path conf = tmp.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
                "pid " + tmp.resolve("nginx.pid") + ";",
                "error_log " + tmp.resolve("error.log") + ";",
                "events {}",
                "http {",
                "    access_log off;",
                "    client_body_temp_path " + tmp.resolve("body") + ";",
                "    include " + work.resolve("host/nginx/miniascape.conf") + ";",
                "}", ""));
        StringBuilder addresses = new StringBuilder("ip link set lo up");
        site.networks().forEach(n -> addresses.append(" && ip addr add ").append(n.gateway().orElseThrow())
                .append("/32 dev lo"));
        ExecResult r = Tools.assertSucceeds("unshare", "-n", "sh", "-c", addresses + " && nginx -t -c " + conf
                + " -p " + tmp + "/");
        assertThat(r.stderr()).contains("test is successful");
    }

    /** Apache reads the snippet: apache2 -t with a minimal server configuration that includes it. */
    @Test
    void httpdAcceptsTheSnippet(@TempDir Path tmp) throws IOException {
        Path work = build(GuestScenarios.site("cluster-node-fencing"), tmp.resolve("work"));
        String modules = "/usr/lib/apache2/modules/";
        Path conf = tmp.resolve("httpd.conf");
        Files.writeString(conf, String.join("\n",
                "ServerRoot " + tmp,
                "LoadModule mpm_event_module " + modules + "mod_mpm_event.so",
                "LoadModule authz_core_module " + modules + "mod_authz_core.so",
                "LoadModule authz_host_module " + modules + "mod_authz_host.so",
                "LoadModule alias_module " + modules + "mod_alias.so",
                "LoadModule autoindex_module " + modules + "mod_autoindex.so",
                "LoadModule mime_module " + modules + "mod_mime.so",
                "ServerName localhost",
                "Listen 127.0.0.1:8080",
                "PidFile " + tmp.resolve("httpd.pid"),
                "ErrorLog " + tmp.resolve("error.log"),
                "Include " + work.resolve("host/httpd/miniascape.conf"), ""));
        assertThat(Tools.assertSucceeds("/usr/sbin/apache2", "-t", "-f", conf.toString()).stderr())
                .contains("Syntax OK");
    }

    @Test
    void thePackageBuildsLintsAndListsTheHostFiles(@TempDir Path tmp) throws IOException {
        Path work = build(dnsmasqSite(), tmp.resolve("work"));
        Path host = work.resolve("host");
        Path spec = host.resolve("miniascape-lab-host.spec");
        Tools.assertSucceeds("rpmspec", "-P", spec.toString());
        Tools.assertSucceeds("make", "-C", host.toString(), "rpm");
        Path rpm = host.resolve("miniascape-lab-host-1.0-1.noarch.rpm");
        assertThat(Tools.assertSucceeds("rpm", "-qlp", rpm.toString()).stdout()).contains(
                "/usr/share/miniascape/lab/networks/net-1.xml",
                "/usr/share/miniascape/lab/guests/cluster-1/ks.cfg",
                "/usr/share/miniascape/lab/host/nginx/miniascape.conf",
                "/etc/miniascape/networks/net-1.dnsmasq.conf",
                "/usr/lib/systemd/system/miniascape-dnsmasq@.service",
                "/usr/lib/systemd/system-preset/90-miniascape-lab.preset");
        // The spec has no errors; the package's only error is that nobody signed it.
        ExecResult lintSpec = new Executor().run(Command.of("rpmlint", spec.toString()));
        assertThat(lintSpec.stdout()).as(lintSpec.stdout()).contains("0 errors");
        ExecResult lintRpm = new Executor().run(Command.of("rpmlint", rpm.toString()));
        assertThat(lintRpm.stdout().lines().filter(l -> l.contains(": E: ")).toList()).as(lintRpm.stdout())
                .allMatch(l -> l.endsWith("E: no-signature"));
        // Same build output, same tarball.
        byte[] first = Files.readAllBytes(host.resolve("miniascape-lab-host-1.0.tar.gz"));
        Tools.assertSucceeds("make", "-C", host.toString(), "clean", "dist");
        assertThat(host.resolve("miniascape-lab-host-1.0.tar.gz")).hasBinaryContent(first);
    }

    @Test
    void postScriptletRegistersMissingNetworksAndExplainsExistingOnes(@TempDir Path tmp) throws IOException {
        Site site = dnsmasqSite();
        Path work = build(site, tmp.resolve("work"));
        Tools.assertSucceeds("make", "-C", work.resolve("host").toString(), "rpm");
        String post = Tools.assertSucceeds("rpm", "-qp", "--qf", "%{POSTIN}",
                work.resolve("host/miniascape-lab-host-1.0-1.noarch.rpm").toString()).stdout();
        Path script = tmp.resolve("post.sh");
        Files.writeString(script, post);

        // libvirt already has net-1: it is left alone with a note; net-2 is defined.
        Path node = tmp.resolve("node.xml");
        Files.writeString(node, "<node>\n" + NetworkXml.render(site.networks().get(0)) + "</node>\n");
        ExecResult r = runPost(script, tmp, "test://" + node, work);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("libvirt network net-1 exists already and was left as it is",
                "miniascape net register").doesNotContain("net-2 exists", "could not define");
        assertThat(Files.readString(tmp.resolve("virsh.log")))
                .contains("net-define " + work.resolve("networks/net-2.xml"))
                .doesNotContain("net-define " + work.resolve("networks/net-1.xml"));

        // No libvirtd: nothing registered, the way to do it later is printed, the install does not fail.
        ExecResult down = runPost(script, tmp, "qemu+unix:///system?socket=" + tmp.resolve("no-such-socket"), work);
        assertThat(down.exitCode()).isZero();
        assertThat(down.stderr()).contains("libvirtd is not running, so the networks were not registered");

        // No virsh at all: said so, and the install does not fail.
        Path empty = Files.createDirectories(tmp.resolve("empty-path"));
        ExecResult noVirsh = new Executor().run(Command.of("/bin/sh", script.toString()).env("PATH", empty.toString()));
        assertThat(noVirsh.exitCode()).isZero();
        assertThat(noVirsh.stderr()).contains("virsh is not installed, so the networks were not registered");
    }

    /**
     * Runs the scriptlet with a virsh on PATH that talks to {@code uri} instead of qemu:///system and reads the
     * network XML from the build output instead of its installed path.
     */
    static ExecResult runPost(Path script, Path tmp, String uri, Path work) throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path virsh = bin.resolve("virsh");
        Files.writeString(virsh, String.join("\n", "#!/bin/bash", "args=()", "for a in \"$@\"; do",
                "  case $a in",
                "    qemu:///system) a='" + uri + "' ;;",
                "    /usr/share/miniascape/lab/*) a=" + work + "/${a#/usr/share/miniascape/lab/} ;;",
                "  esac",
                "  args+=(\"$a\")", "done",
                "printf '%s\\n' \"${args[*]}\" >>" + tmp.resolve("virsh.log"),
                "exec /usr/bin/virsh \"${args[@]}\"", ""));
        Files.setPosixFilePermissions(virsh, PosixFilePermissions.fromString("rwxr-xr-x"));
        // On a host that runs systemd the scriptlet calls systemctl: never the host's own from a test.
        Path systemctl = bin.resolve("systemctl");
        Files.writeString(systemctl, "#!/bin/sh\necho \"systemctl $*\" >>" + tmp.resolve("systemctl.log") + "\n");
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new Executor().run(Command.of(List.of("sh", script.toString()))
                .env("PATH", bin + ":" + System.getenv("PATH")));
    }
}
