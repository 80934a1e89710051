package org.miniascape.render.guest;

import java.util.ArrayList;
import java.util.List;
import org.miniascape.model.Guest;
import org.miniascape.model.Hardware;
import org.miniascape.model.Install;
import org.miniascape.model.KernelBoot;
import org.miniascape.model.Nic;
import org.miniascape.xml.domain.SerialConsoleElements;

/**
 * The virt-install options of vmbuild.sh, one option (with its value) per line, every value shell-quoted.
 * The disks, the connection, --dry-run and the overridable --virt-type/--arch/--machine/--osinfo are the
 * script's own business (see the vmbuild.sh template).
 */
final class VirtInstallArgs {
    /** The kernel console arguments: the installer and the installed system both log to the serial console. */
    static final String SERIAL_KERNEL_ARGS = "console=tty0 console=ttyS0,115200n8";

    private VirtInstallArgs() {
    }

    static List<String> of(Guest guest) {
        return of(guest, org.miniascape.model.Topology.NONE);
    }

    /** With the MTU of each interface on a network stretched over hosts ({@code mtu.size}), if any. */
    static List<String> of(Guest guest, org.miniascape.model.Topology topology) {
        List<String> lines = new ArrayList<>();
        lines.add("--name " + ShellWord.literal(guest.name()));
        lines.add("--memory " + guest.hardware().memoryMib());
        lines.add("--vcpus " + guest.hardware().vcpus());
        for (Nic nic : guest.nics()) {
            lines.add("--network " + ShellWord.literal("network=" + nic.network() + ",mac=" + nic.mac()
                    + ",model=" + nic.model() + topology.nicMtu(nic.network()).map(m -> ",mtu.size=" + m).orElse("")));
        }
        Hardware.Graphics graphics = guest.hardware().graphics();
        lines.add("--graphics " + (graphics == Hardware.Graphics.NONE ? "none"
                : ShellWord.literal(graphics.key() + ",listen=127.0.0.1")));
        if (guest.hardware().serialConsole()) {
            // The same serial log as domain.xml's, so that the install's output is kept too.
            lines.add("--console " + ShellWord.literal("pty,target_type=serial,log.file="
                    + SerialConsoleElements.forGuest(guest.name()).logFile() + ",log.append=on"));
        }
        lines.add("--clock " + ShellWord.literal("offset=" + (guest.localization().utcClock() ? "utc" : "localtime")
                + ",rtc_tickpolicy=catchup,pit_tickpolicy=delay,hpet_present=no"));
        lines.add("--rng /dev/urandom");
        lines.add("--memballoon virtio");
        lines.addAll(InstallMethod.of(guest.install().method()).virtInstallArgs(guest));
        guest.hardware().kernelBoot().ifPresent(k -> lines.add("--boot " + ShellWord.literal(bootOption(k))));
        lines.add("--noautoconsole");
        return lines;
    }

    /**
     * {@code --boot}'s value for a direct kernel boot: {@code kernel=…,initrd=…,kernel_args=…}. virt-install
     * splits it as a POSIX shell would with ',' for blanks, so each value is double-quoted (a '"' or '\' in it
     * escaped): the command line keeps its commas, '=', quotes and backslashes. (virt-install would join a
     * kernel_args part after a ',' back unless it looks like another suboption: quoting leaves nothing to guess.)
     */
    static String bootOption(KernelBoot boot) {
        StringBuilder sb = new StringBuilder("kernel=").append(quoted(boot.kernel()));
        boot.initrd().ifPresent(i -> sb.append(",initrd=").append(quoted(i)));
        boot.cmdline().ifPresent(c -> sb.append(",kernel_args=").append(quoted(c)));
        return sb.toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** virt-install takes the kernel and initrd from an install tree or from an ISO alike. */
    static String treeOrIso(Install install) {
        return install.location().or(install::cdrom).orElseThrow();
    }

    /**
     * The installer's kernel command line: its own arguments, the serial console's (unless the user's
     * {@code extra_args} name a console themselves: the kernel takes every console= it is given, and the last one
     * for /dev/console, so ours would only add to theirs), then the user's.
     */
    static String kernelArgs(Guest guest, String installerArgs) {
        StringBuilder sb = new StringBuilder(installerArgs);
        if (guest.hardware().serialConsole() && !namesConsole(guest.install().extraArgs().orElse(""))) {
            sb.append(' ').append(SERIAL_KERNEL_ARGS);
        }
        guest.install().extraArgs().ifPresent(a -> sb.append(' ').append(a));
        return sb.toString();
    }

    /** True when a kernel command line holds a console= argument of its own. */
    static boolean namesConsole(String args) {
        return java.util.Arrays.stream(args.trim().split("\\s+")).anyMatch(a -> a.startsWith("console="));
    }
}
