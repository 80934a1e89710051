package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.AddressRange;

/** {@code <range start end>} with an optional {@code <lease expiry unit='seconds'/>} (libvirt 6.3 and later). */
record RangeElement(AddressRange range, Optional<Long> leaseSeconds) {

    void write(XmlWriter w) {
        w.start("range").attr("start", range.start().toString()).attr("end", range.end().toString());
        leaseSeconds.ifPresent(s -> w.start("lease").attr("expiry", s).attr("unit", "seconds").end());
        w.end();
    }
}
