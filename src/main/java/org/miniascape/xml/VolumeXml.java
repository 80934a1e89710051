package org.miniascape.xml;

import java.util.Optional;

/**
 * A storage volume for {@code virsh vol-create}: capacity, format, qcow2 compat 1.1 (libvirt defaults to
 * 0.10), and the backing store with its declared format for overlays; and a volume's XML read back.
 */
public final class VolumeXml {

    /** An overlay's base: the backing file's path and its image format. */
    public record Backing(String path, String format) {
    }

    private VolumeXml() {
    }

    public static String render(String name, long sizeGib, String format, Optional<Backing> backing) {
        return render(name, sizeGib, "GiB", format, backing);
    }

    /** A raw volume of exactly {@code bytes} bytes (a NoCloud seed, uploaded once created). */
    public static String raw(String name, long bytes) {
        return render(name, bytes, "bytes", "raw", Optional.empty());
    }

    private static String render(String name, long size, String unit, String format, Optional<Backing> backing) {
        return write(new VolumeElement(Optional.of("file"), name, Optional.of(new VolumeElement.Capacity(
                Long.toString(size), Optional.of(unit))), Optional.empty(), Optional.of(format),
                format.equals("qcow2") ? Optional.of("1.1") : Optional.empty(), backing));
    }

    /** The header comment, then the element: a generated volume file. */
    public static String write(VolumeElement volume) {
        XmlWriter w = new XmlWriter();
        w.comment(DomainXml.HEADER);
        volume.write(w);
        return w.finish();
    }

    /**
     * A volume document as libvirt (or a generated file) has it, typed. No DTD and no external entity is ever
     * read.
     *
     * @throws org.miniascape.MiniascapeException when it is not XML
     */
    public static VolumeElement read(String xml) {
        return VolumeElement.read(XmlElement.parse(xml));
    }
}
