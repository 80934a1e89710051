package org.miniascape.xml.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.NoCloudSeed;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <disk type='volume'>}: a volume of a storage pool, so the definition does not depend on where the pool
 * keeps its files. Uncached disks ({@code none}, {@code directsync}) use native AIO, others I/O threads;
 * discards reach qcow2 files so that deleted data frees host space. A disk several guests write is
 * {@code <shareable/>}, one the guest only reads (its own {@code readonly}, or the NoCloud seed) {@code <readonly/>}.
 */
public record DiskElement(Disk disk, String targetDev, boolean readOnly) {

    /** The disks with target names in order per bus family: vda, vdb ... for virtio, sda ... for scsi/sata. */
    public static List<DiskElement> of(List<Disk> disks) {
        return of(disks, Optional.empty());
    }

    /**
     * A guest's disks as its domain has them: its own, then its NoCloud seed (read-only), if it has one. The
     * installers' files name the guest's own disks only ({@link #of(List)}): the seed comes after them.
     */
    public static List<DiskElement> of(Guest guest) {
        return of(guest.disks(), NoCloudSeed.of(guest).map(s -> s.disk(guest.origin())));
    }

    private static List<DiskElement> of(List<Disk> disks, Optional<Disk> seed) {
        Map<String, Integer> used = new HashMap<>();
        List<DiskElement> elements = new ArrayList<>();
        for (Disk d : disks) {
            elements.add(new DiskElement(d, target(used, d.bus()), d.readOnly()));
        }
        seed.ifPresent(d -> elements.add(new DiskElement(d, target(used, d.bus()), true)));
        return elements;
    }

    private static String target(Map<String, Integer> used, String bus) {
        String prefix = targetPrefix(bus);
        return prefix + letters(used.merge(prefix, 1, Integer::sum) - 1);
    }

    /** The device name the guest OS sees first for this bus (vda, sda, hda). */
    public static String targetPrefix(String bus) {
        return switch (bus) {
            case "virtio" -> "vd";
            case "scsi", "sata", "usb" -> "sd";
            case "ide" -> "hd";
            default -> throw new IllegalArgumentException("unknown disk bus '" + bus + "'");
        };
    }

    /** a, b, ... z, aa, ab ... as the Linux kernel names disks. */
    static String letters(int index) {
        StringBuilder sb = new StringBuilder();
        int i = index;
        do {
            sb.insert(0, (char) ('a' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return sb.toString();
    }

    public void write(XmlWriter w) {
        w.start("disk").attr("type", "volume").attr("device", "disk");
        w.start("driver").attr("name", "qemu").attr("type", disk.format());
        if (!disk.cache().equals("default")) {
            w.attr("cache", disk.cache());
        }
        w.attr("io", disk.cache().equals("none") || disk.cache().equals("directsync") ? "native" : "threads");
        if (!readOnly) {
            w.attr("discard", "unmap");
        }
        w.end();
        w.start("source").attr("pool", disk.pool()).attr("volume", disk.volume()).end();
        w.start("target").attr("dev", targetDev).attr("bus", disk.bus()).end();
        // libvirt's order: <readonly/>, then <shareable/>.
        if (readOnly) {
            w.start("readonly").end();
        }
        if (disk.shareable()) {
            w.start("shareable").end();
        }
        w.end();
    }
}
