package org.miniascape.xml.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniascape.model.Disk;
import org.miniascape.model.Guest;
import org.miniascape.model.NoCloudSeed;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <disk type='volume'>}: a volume of a storage pool, so the definition does not depend on where the pool
 * keeps its files. Uncached disks ({@code none}, {@code directsync}) use native AIO, others I/O threads;
 * discards reach qcow2 files so that deleted data frees host space. A disk several guests write is
 * {@code <shareable/>}, one the guest only reads (its own {@code readonly}, or the NoCloud seed) {@code <readonly/>}.
 * Read back, it holds what the document has: libvirt's disks may be files ({@code <source file>}), block devices
 * ({@code <source dev>}) or network disks ({@code <source protocol name>}), and a CD-ROM drive may have no source.
 */
public record DiskElement(Optional<String> type, Optional<String> device, Optional<Driver> driver,
                          Optional<Source> source, Optional<Target> target, boolean readOnly, boolean shareable)
        implements DeviceElement {

    /** {@code <driver name type cache io discard/>}. */
    public record Driver(Optional<String> name, Optional<String> type, Optional<String> cache, Optional<String> io,
                         Optional<String> discard) {

        static Driver read(XmlElement driver) {
            return new Driver(driver.attribute("name"), driver.attribute("type"), driver.attribute("cache"),
                    driver.attribute("io"), driver.attribute("discard"));
        }

        void write(XmlWriter w) {
            w.start("driver");
            w.attr("name", name);
            w.attr("type", type);
            w.attr("cache", cache);
            w.attr("io", io);
            w.attr("discard", discard);
            w.end();
        }
    }

    /** {@code <source>}: a pool's volume, a file, a block device, or a network disk's protocol and name. */
    public record Source(Optional<String> pool, Optional<String> volume, Optional<String> file, Optional<String> dev,
                         Optional<String> protocol, Optional<String> name) {

        static Source read(XmlElement source) {
            return new Source(source.attribute("pool"), source.attribute("volume"), source.attribute("file"),
                    source.attribute("dev"), source.attribute("protocol"), source.attribute("name"));
        }

        /** A volume of a storage pool. */
        public static Source volume(String pool, String volume) {
            Optional<String> none = Optional.empty();
            return new Source(Optional.of(pool), Optional.of(volume), none, none, none, none);
        }

        void write(XmlWriter w) {
            w.start("source");
            w.attr("pool", pool);
            w.attr("volume", volume);
            w.attr("file", file);
            w.attr("dev", dev);
            w.attr("protocol", protocol);
            w.attr("name", name);
            w.end();
        }
    }

    /** {@code <target dev bus/>}: the device name the guest sees, on its bus. */
    public record Target(Optional<String> dev, Optional<String> bus) {

        static Target read(XmlElement target) {
            return new Target(target.attribute("dev"), target.attribute("bus"));
        }

        void write(XmlWriter w) {
            w.start("target");
            w.attr("dev", dev);
            w.attr("bus", bus);
            w.end();
        }
    }

    /** A {@code <disk>} as libvirt (or anyone) wrote it. */
    public static DiskElement read(XmlElement disk) {
        return new DiskElement(disk.attribute("type"), disk.attribute("device"), disk.child("driver")
                .map(Driver::read), disk.child("source").map(Source::read), disk.child("target").map(Target::read),
                disk.child("readonly").isPresent(), disk.child("shareable").isPresent());
    }

    /** A guest's disk as its domain has it. */
    private static DiskElement of(Disk disk, String targetDev, boolean readOnly) {
        String io = disk.cache().equals("none") || disk.cache().equals("directsync") ? "native" : "threads";
        Driver driver = new Driver(Optional.of("qemu"), Optional.of(disk.format()), Optional.of(disk.cache())
                .filter(c -> !c.equals("default")), Optional.of(io), readOnly ? Optional.empty()
                : Optional.of("unmap"));
        return new DiskElement(Optional.of("volume"), Optional.of("disk"), Optional.of(driver),
                Optional.of(Source.volume(disk.pool(), disk.volume())),
                Optional.of(new Target(Optional.of(targetDev), Optional.of(disk.bus()))), readOnly, disk.shareable());
    }

    /** The device name the guest sees ({@code <target dev>}); empty when the document gives none. */
    public String targetDev() {
        return target.flatMap(Target::dev).orElse("");
    }

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
            elements.add(of(d, target(used, d.bus()), d.readOnly()));
        }
        seed.ifPresent(d -> elements.add(of(d, target(used, d.bus()), true)));
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

    @Override
    public void write(XmlWriter w) {
        w.start("disk");
        w.attr("type", type);
        w.attr("device", device);
        driver.ifPresent(d -> d.write(w));
        source.ifPresent(s -> s.write(w));
        target.ifPresent(t -> t.write(w));
        // libvirt's order: <readonly/>, then <shareable/>.
        if (readOnly) {
            w.start("readonly").end();
        }
        if (shareable) {
            w.start("shareable").end();
        }
        w.end();
    }
}
