package org.miniascape.xml;

import java.util.Optional;

/**
 * A libvirt {@code <volume type>}: name, capacity, and its target's path, format and qcow2 compat, with an
 * overlay's backing store; what miniascape creates (no path: the pool gives it) and what it reads back
 * (libvirt adds key, allocation, permissions and timestamps, which are not kept).
 */
public record VolumeElement(Optional<String> type, String name, Optional<Capacity> capacity,
                            Optional<String> targetPath, Optional<String> format, Optional<String> compat,
                            Optional<VolumeXml.Backing> backing) {

    /** {@code <capacity unit>}: the size as the document has it; without a unit libvirt counts bytes. */
    public record Capacity(String value, Optional<String> unit) {
    }

    /**
     * A volume's {@code <volume>} as libvirt (or anyone) wrote it. The name is empty when missing, and so is a
     * backing store's format when the document names none.
     */
    public static VolumeElement read(XmlElement volume) {
        Optional<XmlElement> target = volume.child("target");
        return new VolumeElement(volume.attribute("type"), volume.childText("name"),
                volume.child("capacity").map(c -> new Capacity(c.text().strip(), c.attribute("unit"))),
                target.flatMap(t -> t.child("path")).map(p -> p.text().strip()), target.flatMap(VolumeElement::format),
                target.flatMap(t -> t.child("compat")).map(c -> c.text().strip()),
                volume.child("backingStore").map(b -> new VolumeXml.Backing(b.childText("path"),
                        format(b).orElse(""))));
    }

    private static Optional<String> format(XmlElement parent) {
        return parent.child("format").flatMap(f -> f.attribute("type"));
    }

    void write(XmlWriter w) {
        w.start("volume");
        w.attr("type", type);
        w.element("name", name);
        capacity.ifPresent(c -> {
            w.start("capacity");
            w.attr("unit", c.unit());
            w.text(c.value()).end();
        });
        if (targetPath.isPresent() || format.isPresent() || compat.isPresent()) {
            w.start("target");
            w.element("path", targetPath);
            format.ifPresent(f -> w.start("format").attr("type", f).end());
            w.element("compat", compat);
            w.end();
        }
        backing.ifPresent(b -> {
            w.start("backingStore");
            w.element("path", b.path());
            if (!b.format().isEmpty()) {
                w.start("format").attr("type", b.format()).end();
            }
            w.end();
        });
        w.end();
    }

    /** The element as a document of its own, without a header comment, ending with a newline. */
    public String toXml() {
        XmlWriter w = new XmlWriter();
        write(w);
        return w.finish();
    }
}
