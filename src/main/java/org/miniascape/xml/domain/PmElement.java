package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <pm>}: no suspend to RAM or disk; a suspended lab guest only looks hung. Read back, each holds its
 * {@code enabled} value as written ({@code yes} or {@code no}), empty where the element is left out.
 */
public record PmElement(Optional<String> suspendToMem, Optional<String> suspendToDisk) {
    public static final PmElement DEFAULT = new PmElement(Optional.of("no"), Optional.of("no"));

    /** A {@code <pm>} as libvirt (or anyone) wrote it. */
    public static PmElement read(XmlElement pm) {
        return new PmElement(enabled(pm, "suspend-to-mem"), enabled(pm, "suspend-to-disk"));
    }

    private static Optional<String> enabled(XmlElement pm, String name) {
        return pm.child(name).flatMap(s -> s.attribute("enabled"));
    }

    public void write(XmlWriter w) {
        w.start("pm");
        suspendToMem.ifPresent(e -> w.start("suspend-to-mem").attr("enabled", e).end());
        suspendToDisk.ifPresent(e -> w.start("suspend-to-disk").attr("enabled", e).end());
        w.end();
    }
}
