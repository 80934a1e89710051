package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <features>}: ACPI (clean shutdown through virsh shutdown) and, on x86, the APIC; no VMware port. Read
 * back, it holds the flags miniascape knows as the document has them ({@code <pae/>}, {@code <acpi/>},
 * {@code <apic/>}, and the {@code state} of {@code <vmport>} and {@code <smm>}, which libvirt adds for a q35
 * machine); hypervisor enlightenments and other features are not kept. Written in libvirt's order.
 */
public record FeaturesElement(boolean acpi, boolean apic, boolean pae, Optional<String> vmport,
                              Optional<String> smm) {

    public static FeaturesElement of(Guest guest) {
        boolean x86 = OsElement.isX86(guest.hardware().arch());
        return new FeaturesElement(true, x86, false, x86 ? Optional.of("off") : Optional.empty(), Optional.empty());
    }

    /** A {@code <features>} as libvirt (or anyone) wrote it. */
    public static FeaturesElement read(XmlElement features) {
        return new FeaturesElement(features.child("acpi").isPresent(), features.child("apic").isPresent(),
                features.child("pae").isPresent(), state(features, "vmport"), state(features, "smm"));
    }

    /** The state of a feature; an empty string when the feature is there without one. */
    private static Optional<String> state(XmlElement features, String name) {
        return features.child(name).map(f -> f.attr("state"));
    }

    public void write(XmlWriter w) {
        w.start("features");
        if (acpi) {
            w.start("acpi").end();
        }
        if (apic) {
            w.start("apic").end();
        }
        if (pae) {
            w.start("pae").end();
        }
        vmport.ifPresent(s -> stateful(w, "vmport", s));
        smm.ifPresent(s -> stateful(w, "smm", s));
        w.end();
    }

    private static void stateful(XmlWriter w, String name, String state) {
        w.start(name);
        if (!state.isEmpty()) {
            w.attr("state", state);
        }
        w.end();
    }
}
