package org.miniascape.xml.domain;

import org.miniascape.model.Guest;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <clock offset='utc'>} ({@code 'localtime'} for a guest whose hardware clock keeps local time:
 * {@code hardware_clock: local}) with the timers virt-manager tunes for Linux guests: the RTC catches up missed
 * ticks, the PIT delays them, no HPET; under KVM the paravirtual kvm-clock is offered explicitly.
 */
public record ClockElement(boolean kvm, boolean x86, boolean utc) {

    public static ClockElement of(Guest guest) {
        return new ClockElement(guest.hardware().virtType() == Guest.VirtType.KVM,
                OsElement.isX86(guest.hardware().arch()), guest.localization().utcClock());
    }

    public void write(XmlWriter w) {
        w.start("clock").attr("offset", utc ? "utc" : "localtime");
        if (x86) {
            w.start("timer").attr("name", "rtc").attr("tickpolicy", "catchup").end();
            w.start("timer").attr("name", "pit").attr("tickpolicy", "delay").end();
            w.start("timer").attr("name", "hpet").attr("present", "no").end();
            if (kvm) {
                w.start("timer").attr("name", "kvmclock").attr("present", "yes").end();
            }
        }
        w.end();
    }
}
