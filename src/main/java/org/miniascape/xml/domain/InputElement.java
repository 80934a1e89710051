package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <input type bus/>}: a mouse, keyboard or tablet. miniascape writes none; libvirt adds the PS/2 mouse and
 * keyboard of an x86 machine, and a domain defined by hand may have a USB tablet.
 */
public record InputElement(Optional<String> type, Optional<String> bus) implements DeviceElement {

    /** An {@code <input>} as libvirt (or anyone) wrote it. */
    public static InputElement read(XmlElement input) {
        return new InputElement(input.attribute("type"), input.attribute("bus"));
    }

    @Override
    public void write(XmlWriter w) {
        w.start("input");
        w.attr("type", type);
        w.attr("bus", bus);
        w.end();
    }
}
