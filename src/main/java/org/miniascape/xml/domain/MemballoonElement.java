package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/** A virtio memory balloon, so the host can take back memory from idle guests. */
public record MemballoonElement() {

    public void write(XmlWriter w) {
        w.start("memballoon").attr("model", "virtio").end();
    }
}
