package org.miniascape.xml;

import java.util.Optional;

/**
 * A storage volume for {@code virsh vol-create}: capacity, format, qcow2 compat 1.1 (libvirt defaults to
 * 0.10), and the backing store with its declared format for overlays.
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
        XmlWriter w = new XmlWriter();
        w.comment(DomainXml.HEADER);
        w.start("volume").attr("type", "file");
        w.element("name", name);
        w.start("capacity").attr("unit", unit).text(Long.toString(size)).end();
        w.start("target");
        w.start("format").attr("type", format).end();
        if (format.equals("qcow2")) {
            w.element("compat", "1.1");
        }
        w.end();
        backing.ifPresent(b -> {
            w.start("backingStore");
            w.element("path", b.path());
            w.start("format").attr("type", b.format()).end();
            w.end();
        });
        w.end();
        return w.finish();
    }
}
