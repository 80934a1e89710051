package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.AddressRange;

/**
 * {@code <range start end>} with an optional {@code <lease expiry unit='seconds'/>} (libvirt 6.3 and later), with
 * the values the document holds.
 */
public record RangeElement(String start, String end, Optional<Lease> lease) {

    /** {@code <lease expiry unit/>}: without a unit libvirt counts minutes. */
    public record Lease(String expiry, Optional<String> unit) {
    }

    static RangeElement of(AddressRange range, Optional<Long> leaseSeconds) {
        return new RangeElement(range.start().toString(), range.end().toString(),
                leaseSeconds.map(s -> new Lease(Long.toString(s), Optional.of("seconds"))));
    }

    /** A {@code <range>} of a network's {@code <dhcp>}; a missing address is empty. */
    public static RangeElement read(XmlElement range) {
        return new RangeElement(range.attr("start"), range.attr("end"),
                range.child("lease").map(l -> new Lease(l.attr("expiry"), l.attribute("unit"))));
    }

    void write(XmlWriter w) {
        w.start("range").attr("start", start).attr("end", end);
        lease.ifPresent(l -> {
            w.start("lease").attr("expiry", l.expiry());
            w.attr("unit", l.unit());
            w.end();
        });
        w.end();
    }
}
