package org.miniascape.xml.domain;

import org.miniascape.model.Guest;
import org.miniascape.xml.XmlWriter;

/** {@code <features>}: ACPI (clean shutdown through virsh shutdown) and, on x86, the APIC; no VMware port. */
public record FeaturesElement(boolean x86) {

    public static FeaturesElement of(Guest guest) {
        return new FeaturesElement(OsElement.isX86(guest.hardware().arch()));
    }

    public void write(XmlWriter w) {
        w.start("features");
        w.start("acpi").end();
        if (x86) {
            w.start("apic").end();
            w.start("vmport").attr("state", "off").end();
        }
        w.end();
    }
}
