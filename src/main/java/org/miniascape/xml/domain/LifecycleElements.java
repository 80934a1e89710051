package org.miniascape.xml.domain;

import org.miniascape.xml.XmlWriter;

/** {@code <on_poweroff>}, {@code <on_reboot>}, {@code <on_crash>}: a reboot restarts, anything else stops. */
public record LifecycleElements(String onPoweroff, String onReboot, String onCrash) {
    public static final LifecycleElements DEFAULT = new LifecycleElements("destroy", "restart", "destroy");

    public void write(XmlWriter w) {
        w.element("on_poweroff", onPoweroff);
        w.element("on_reboot", onReboot);
        w.element("on_crash", onCrash);
    }
}
