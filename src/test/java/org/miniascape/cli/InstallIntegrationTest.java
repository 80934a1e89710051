package org.miniascape.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.miniascape.exec.ExecResult;
import org.miniascape.libvirt.Hypervisor;
import org.miniascape.testing.DebianImage;
import org.miniascape.testing.LibvirtSandbox;
import org.miniascape.testing.TinyInitramfs;

/**
 * A kickstart guest installed inside {@code up}, by the real virt-install on a sandboxed libvirtd: the install
 * tree is the Debian test image's kernel with a tiny initramfs as its "installer", which writes what it was given
 * (the injected ks.cfg's digest and its kernel command line) to the serial console and powers off. After it,
 * the guest has miniascape's own definition, marked installed, and the next {@code up} has nothing to do.
 */
@Tag("integration")
class InstallIntegrationTest {
    @RegisterExtension
    static final LibvirtSandbox LIBVIRT = new LibvirtSandbox();

    static final String INSTALLER = """
            /bin/busybox --install -s /bin
            export PATH=/bin
            mount -t proc proc /proc
            mount -t devtmpfs dev /dev
            if [ -f /ks.cfg ]; then
              echo "MINIASCAPE-INSTALLER ks.cfg $(sha256sum /ks.cfg | cut -d' ' -f1) cmdline: $(cat /proc/cmdline)" > /dev/ttyS0
              for i in 1 2 3 4; do echo "Installing package-$i.noarch ($i/4)" > /dev/ttyS0; sleep 2; done
            else
              echo "MINIASCAPE-INSTALLER no ks.cfg" > /dev/ttyS0
            fi
            sync
            poweroff -f
            """;

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run cli(Path site, String... args) {
        return cli(site, true, args);
    }

    Run cli(Path site, boolean connect, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("-C", site.toString()));
        if (connect) {
            argv.addAll(List.of("--connect", LIBVIRT.uri()));
        }
        ExecResult r = LIBVIRT.miniascape(Duration.ofMinutes(15), argv);
        return new Run(r.exitCode(), r.stdout(), r.stderr());
    }

    /** An install tree virt-install recognizes by its .treeinfo: the kernel and an initrd. */
    Path tree(boolean withKernel) throws Exception {
        Path tree = Files.createDirectories(dir.resolve(withKernel ? "tree" : "broken-tree"));
        Path images = Files.createDirectories(tree.resolve("images/pxeboot"));
        if (withKernel) {
            Files.copy(DebianImage.get().kernel(), images.resolve("vmlinuz"));
        }
        TinyInitramfs.write(images.resolve("initrd.img"), INSTALLER);
        Files.writeString(tree.resolve(".treeinfo"), """
                [general]
                family = Miniascape Test
                version = 1
                arch = x86_64
                platforms = x86_64

                [images-x86_64]
                kernel = images/pxeboot/vmlinuz
                initrd = images/pxeboot/initrd.img
                """);
        return tree;
    }

    Path site(Path tree) throws Exception {
        Path site = dir.resolve("site-" + tree.getFileName() + ".yml");
        Files.writeString(site, """
                site: installtest
                domain: install.test
                storage_pools:
                  - {name: inst-pool, type: dir, path: "%s"}
                networks:
                  - {name: inst-nat, mode: nat, bridge: inst-nat0, cidr: 198.51.100.0/24}
                guests:
                  - name: ks-1
                    memory: 256
                    virt_type: qemu
                    os_variant: generic
                    console: {serial: true}
                    disks: [{pool: inst-pool, size: 1}]
                    interfaces: [{network: inst-nat, mac: "52:54:00:dd:00:21", ip: 198.51.100.21}]
                    install: {method: kickstart, location: "%s"}
                """.formatted(dir.resolve("pool"), tree));
        return site;
    }

    Path serialLog() {
        return LIBVIRT.stateDir().resolve("log/qemu/ks-1-serial.log");
    }

    @Test
    void upRunsTheInstallerThenDefinesTheGuestAsMiniascapeDoesAndASecondUpHasNothingToDo() throws Exception {
        Path site = site(tree(true));
        Path out = dir.resolve("out");
        Run build = cli(site, false, "build", "-w", out.toString());
        assertThat(build.exit()).as(build.err()).isZero();
        String ksDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(out.resolve("guests/ks-1/ks.cfg"))));

        // virt-install keeps an installer's kernel and initrd in /var/lib/libvirt/boot of the libvirt host, which
        // libvirt-daemon-system creates (this sandbox's /var/lib/libvirt is its lib directory).
        Files.createDirectories(LIBVIRT.stateDir().resolve("lib/boot"));
        Run up = cli(site, "up", "--no-wait", "--timeout", "10m");
        try {
            assertThat(up.exit()).as(up.out() + up.err()).isZero();
            assertThat(up.out()).contains("+ install ks-1: create (kickstart from " + dir.resolve("tree")
                            + " (virt-install))",
                    "install ks-1: created (run the installer, then define)", "boot ks-1: created (start)");
            assertThat(up.err()).contains("guest ks-1: starting the installer (virt-install)",
                    "guest ks-1: installing 100 %", "guest ks-1: installed in ");
            assertThat(Files.readString(serialLog())).contains("MINIASCAPE-INSTALLER ks.cfg " + ksDigest
                    + " cmdline: ").contains("inst.ks=file:/ks.cfg");
            try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
                String xml = hv.domainXml("ks-1", true);
                assertThat(xml).contains("installed=\"yes\"").contains("site=\"installtest\"")
                        .doesNotContain("<kernel>");
            }
            Run again = cli(site, "up", "--no-wait");
            assertThat(again.exit()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("= install ks-1: none (installed)", "= domain ks-1: none (the same as"
                    + " the site)").endsWith("\nPlan: 0 to add, 0 to update live, 0 to redefine, 0 to replace,"
                    + " 0 to destroy\n");
        } finally {
            Run down = cli(site, "down", "--yes");
            assertThat(down.exit()).as(down.out() + down.err()).isZero();
        }
    }

    @Test
    void anInstallerThatFailsLeavesTheGuestAsUpDefinedItAndTheNextUpTriesAgain() throws Exception {
        Path site = site(tree(false));
        Files.createDirectories(LIBVIRT.stateDir().resolve("lib/boot"));
        Run up = cli(site, "up", "--no-wait");
        try {
            assertThat(up.exit()).as(up.out() + up.err()).isEqualTo(1);
            assertThat(up.out()).contains("install ks-1: FAILED: run the installer, then define: virt-install of"
                    + " guest ks-1 exited",
                    "boot ks-1: not started (install ks-1 failed)");
            try (Hypervisor hv = Hypervisor.open(LIBVIRT.uri())) {
                String xml = hv.domainXml("ks-1", true);
                assertThat(xml).contains("site=\"installtest\"").doesNotContain("installed=");
                assertThat(hv.volume("inst-pool", "ks-1-disk0.qcow2")).isPresent();
            }
            Run plan = cli(site, "plan", "--no-wait");
            assertThat(plan.exit()).as(plan.err()).isZero();
            assertThat(plan.out()).contains("= domain ks-1: none (the same as the site)",
                    "+ install ks-1: create (kickstart from ");
        } finally {
            Run down = cli(site, "down", "--yes");
            assertThat(down.exit()).as(down.out() + down.err()).isZero();
        }
    }
}
