package org.miniascape.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.miniascape.libvirt.DomainFacts;
import org.miniascape.libvirt.KernelBootFacts;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.KernelBoot;
import org.miniascape.model.Origin;
import org.miniascape.testing.Tools;

/**
 * virt-install's {@code --boot kernel=…,initrd=…,kernel_args=…} as vmbuild.sh passes it: virt-install itself
 * (--print-xml, on the test driver) reads back exactly the kernel, initrd and command line of the site, however
 * many commas, '=', quotes and backslashes the command line holds.
 */
class KernelBootArgsTest {
    static final String HOSTILE = "root=/dev/vda rw console=ttyS0,115200n8,hd,initrd=/not/this init=\"/sbin/my init\""
            + " x\\y 'q' end\\";

    static KernelBootFacts virtInstallReads(KernelBoot boot) {
        String xml = Tools.assertSucceeds("virt-install", "--connect", "test:///default", "--print-xml",
                "--name", "kernel-boot-args", "--memory", "64", "--osinfo", "generic", "--disk", "none",
                "--network", "none", "--graphics", "none", "--boot", VirtInstallArgs.bootOption(boot)).stdout();
        return DomainFacts.parse(xml).kernelBoot();
    }

    @Test
    void virtInstallReadsBackTheKernelInitrdAndAnyCommandLine() {
        KernelBoot boot = new KernelBoot("/var/lib/libvirt/boot/vmlinuz-6.1 (lab)", Optional.of("/boot/\"i\"=x.img"),
                Optional.of(HOSTILE), Origin.NONE);
        assertThat(virtInstallReads(boot)).isEqualTo(new KernelBootFacts("/var/lib/libvirt/boot/vmlinuz-6.1 (lab)",
                "/boot/\"i\"=x.img", HOSTILE));
        KernelBoot kernelOnly = new KernelBoot("/boot/vmlinuz", Optional.empty(), Optional.empty(), Origin.NONE);
        assertThat(virtInstallReads(kernelOnly)).isEqualTo(new KernelBootFacts("/boot/vmlinuz", "", ""));
    }

    /** Method none with a kernel has no install phase: no --pxe, the --boot option alone (then --noautoconsole). */
    @Test
    void aGuestOfMethodNoneBootsItsKernelNotTheNetwork() {
        Guest g = GuestScenarios.guest("k-1").nic("net-1", "52:54:00:05:01:c1", "198.51.100.181")
                .install(Install.Method.NONE, null, null).kernelBoot("/boot/vmlinuz", null, "console=ttyS0").build();
        List<String> args = VirtInstallArgs.of(g);
        assertThat(args).doesNotContain("--pxe", "--import").endsWith(
                "--boot 'kernel=\"/boot/vmlinuz\",kernel_args=\"console=ttyS0\"'", "--noautoconsole");
        Guest plain = GuestScenarios.guest("k-2").install(Install.Method.NONE, null, null).build();
        assertThat(VirtInstallArgs.of(plain)).contains("--pxe").noneMatch(a -> a.startsWith("--boot"));
    }
}
