package org.miniascape.render.guest;

import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;

/** No unattended install: the guest boots its {@code cdrom}, else from the network (PXE). */
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
        return List.of(guest.install().cdrom().map(c -> "--cdrom " + ShellWord.literal(c)).orElse("--pxe"));
    }
}
