package org.miniascape.render.guest;

import java.util.List;
import java.util.Map;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;

/** An installed disk image, booted as it is (its first disk, or an overlay of {@code install.image}). */
final class ImportInstall implements InstallMethod {
    static final ImportInstall INSTANCE = new ImportInstall();

    private ImportInstall() {
    }

    @Override
    public List<Requirement> requirements(Guest guest) {
        return guest.disks().isEmpty() ? List.of(new Requirement("disks", "install method import needs a disk to"
                + " boot from")) : List.of();
    }

    @Override
    public List<String> templates() {
        return List.of();
    }

    @Override
    public void write(Guest guest, Site site, InstallTrees trees, Map<String, Object> vars, GuestFiles files) {
        // The image is the guest: no install files, unless it runs cloud-init and the site gives it a seed.
        if (guest.install().seed()) {
            CloudInitInstall.INSTANCE.write(guest, site, trees, vars, files);
        }
    }

    @Override
    public List<String> virtInstallArgs(Guest guest) {
        return guest.install().seed() ? CloudInitInstall.INSTANCE.virtInstallArgs(guest) : List.of("--import");
    }
}
