package org.miniascape.render.guest;

import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;

/**
 * No unattended install: the guest boots its {@code cdrom}, else from the network (PXE); with a kernel to boot
 * directly ({@code boot}), that kernel: virt-install's {@code --boot kernel=…} alone means no install phase.
 */
final class NoInstall implements InstallMethod {
    static final NoInstall INSTANCE = new NoInstall();

    private NoInstall() {
    }

    @Override
    public List<Requirement> requirements(Guest guest) {
        return List.of();
    }

    @Override
    public List<String> templates() {
        return List.of();
    }

    @Override
    public void write(Guest guest, Site site, InstallTrees trees, Map<String, Object> vars, GuestFiles files) {
        // nothing to install from
    }

    @Override
    public List<String> virtInstallArgs(Guest guest) {
        if (guest.hardware().kernelBoot().isPresent()) {
            return List.of(); // a cdrom beside it is refused (GuestChecks)
        }
        return List.of(guest.install().cdrom().map(c -> "--cdrom " + ShellWord.literal(c)).orElse("--pxe"));
    }
}
