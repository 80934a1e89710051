package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <memballoon model='virtio'/>}, so the host can take back memory from idle guests. Read back, it holds
 * the model and, where statistics are collected, their period ({@code <stats period/>}).
 */
public record MemballoonElement(Optional<String> model, Optional<String> statsPeriod) implements DeviceElement {
    /** The balloon miniascape defines. */
    public static final MemballoonElement VIRTIO = new MemballoonElement(Optional.of("virtio"), Optional.empty());

    /** A {@code <memballoon>} as libvirt (or anyone) wrote it. */
    public static MemballoonElement read(XmlElement balloon) {
        return new MemballoonElement(balloon.attribute("model"),
                balloon.child("stats").flatMap(s -> s.attribute("period")));
    }

    @Override
    public void write(XmlWriter w) {
        w.start("memballoon");
        w.attr("model", model);
        statsPeriod.ifPresent(p -> w.start("stats").attr("period", p).end());
        w.end();
    }
}
