package org.miniascape.validate;

import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;
import org.miniascape.model.Partitioning;
import org.miniascape.model.User;
import org.miniascape.render.guest.KickstartRelease;

/**
 * The checks of a guest's {@code users} and {@code partitioning} that depend on the rest of the guest: the users'
 * values land in line-oriented install files (single lines); a layout is for an installer (kickstart, preseed: an
 * image has its own), needs a disk and must fit it, and a kickstart guest's file system must be one its release's
 * installer makes. Each problem at the key's position.
 */
final class InstallLayoutChecks {
    private InstallLayoutChecks() {
    }

    static void check(Guest guest, Problems problems) {
        String who = "guest '" + guest.name() + "': ";
        for (User u : guest.access().users()) {
            u.passwordHash().filter(h -> !Text.isSingleLine(h) || h.endsWith("\\")).ifPresent(h -> problems.add(
                    u.origin().of("password"), who + "users: password of '" + u.name() + "' must be a single line"
                    + " without control characters, not ending with a backslash (debconf would join the next line of"
                    + " preseed.cfg to it)"));
            for (String k : u.sshAuthorizedKeys()) {
                if (!Text.isSingleLine(k) || k.endsWith("\\")) {
                    problems.add(u.origin().of("ssh_authorized_keys"), who + "users: an ssh_authorized_keys entry of '"
                            + u.name() + "' must be a single line without control characters, not ending with a"
                            + " backslash");
                }
            }
        }
        guest.install().partitioning().ifPresent(p -> partitioning(guest, p, problems, who));
    }

    private static void partitioning(Guest guest, Partitioning p, Problems problems, String who) {
        Install.Method method = guest.install().method();
        if (!method.installer()) {
            String why = method == Install.Method.NONE ? " method none installs nothing"
                    : (method == Install.Method.IMPORT ? " an " : " a ") + method.key()
                    + " guest boots an image, which has its own layout";
            problems.add(p.origin().at(), who + "partitioning is the disk layout an installer makes (kickstart,"
                    + " preseed);" + why + ": leave it out");
            return;
        }
        if (guest.disks().isEmpty()) {
            problems.add(p.origin().at(), who + "partitioning needs a disk to lay out: give the guest 'disks'");
            return;
        }
        if (method == Install.Method.KICKSTART && p.filesystem().isPresent()) {
            KickstartRelease release = KickstartRelease.of(guest.hardware().osVariant());
            String fs = p.filesystem().get();
            if (!release.makesFilesystem(fs)) {
                problems.add(p.origin().of("filesystem"), who + "partitioning.filesystem: the installer of "
                        + release.pykickstartVersion() + " (os_variant " + guest.hardware().osVariant() + ") does not"
                        + " make " + fs + " file systems to install on; it makes " + String.join(", ",
                        release.filesystems()));
            }
        }
        Disk first = guest.disks().get(0);
        long diskMiB = first.sizeGib() * 1024L;
        int least = Partitioning.BOOT_MIB + Partitioning.ROOT_MIN_MIB;
        if (p.swapMiB().isPresent() && p.swapMiB().get() + least > diskMiB) {
            problems.add(p.origin().of("swap"), who + "partitioning.swap: " + p.swapMiB().get() + " MiB of swap, "
                    + Partitioning.BOOT_MIB + " MiB of /boot and at least " + Partitioning.ROOT_MIN_MIB + " MiB of / do"
                    + " not fit the first disk (" + first.sizeGib() + " GiB)");
        }
    }
}
