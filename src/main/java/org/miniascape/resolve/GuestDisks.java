package org.miniascape.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.Install;

/**
 * The disks a guest is built with. For cloud-init and import, {@code install.image} names the image the first
 * disk is an overlay of, unless that disk names its own {@code backing}: the image stays untouched and shared.
 */
public final class GuestDisks {
    private GuestDisks() {
    }

    public static List<Disk> of(Guest guest) {
        List<Disk> disks = new ArrayList<>(guest.disks());
        Install install = guest.install();
        boolean imageBased = install.method().imageBased();
        if (imageBased && install.image().isPresent() && !disks.isEmpty() && disks.get(0).backing().isEmpty()) {
            Disk d = disks.get(0);
            disks.set(0, new Disk(d.volume(), d.pool(), d.sizeGib(), d.bus(), d.format(), d.cache(),
                    Optional.of(install.image().get()), d.origin()));
        }
        return List.copyOf(disks);
    }

    /**
     * The image format of a backing volume, which must be declared since libvirt 6.0. Only the name tells it
     * before the volume is read: {@code .raw} and {@code .iso} are raw, everything else (cloud images are
     * qcow2 even when named .img) qcow2.
     */
    public static String backingFormat(String backing) {
        return backing.endsWith(".raw") || backing.endsWith(".iso") ? "raw" : "qcow2";
    }

    /** Where a disk's backing image is: an absolute path as it is, a volume name in the disk's pool's directory. */
    public static String backingPath(String backing, Disk disk, org.miniascape.model.Site site) {
        if (backing.startsWith("/")) {
            return backing;
        }
        String dir = site.storagePool(disk.pool()).orElseThrow().path();
        return dir.endsWith("/") ? dir + backing : dir + "/" + backing;
    }
}
