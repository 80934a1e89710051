package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/** A virtio RNG fed from the host's /dev/urandom: fresh guests otherwise wait for entropy at first boot. */
public record RngElement() {

    public void write(XmlWriter w) {
        w.start("rng").attr("model", "virtio");
        w.start("backend").attr("model", "random").text("/dev/urandom").end();
        w.end();
    }
}
