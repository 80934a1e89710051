package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <on_poweroff>}, {@code <on_reboot>}, {@code <on_crash>}: a reboot restarts, anything else stops. Read
 * back, each holds its text (stripped) as the document has it, empty where it is left out.
 */
public record LifecycleElements(Optional<String> onPoweroff, Optional<String> onReboot,
                                Optional<String> onCrash) {
    public static final LifecycleElements DEFAULT = new LifecycleElements(Optional.of("destroy"),
            Optional.of("restart"), Optional.of("destroy"));

    /** The elements of a {@code <domain>} element. */
    public static LifecycleElements read(XmlElement domain) {
        return new LifecycleElements(text(domain, "on_poweroff"), text(domain, "on_reboot"),
                text(domain, "on_crash"));
    }

    private static Optional<String> text(XmlElement domain, String name) {
        return domain.child(name).map(e -> e.text().strip());
    }

    public void write(XmlWriter w) {
        w.element("on_poweroff", onPoweroff);
        w.element("on_reboot", onReboot);
        w.element("on_crash", onCrash);
    }
}
