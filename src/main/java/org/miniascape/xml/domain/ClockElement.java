package org.miniascape.xml.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <clock offset='utc'>} ({@code 'localtime'} for a guest whose hardware clock keeps local time:
 * {@code hardware_clock: local}) with the timers virt-manager tunes for Linux guests: the RTC catches up missed
 * ticks, the PIT delays them, no HPET; under KVM the paravirtual kvm-clock is offered explicitly. Read back, it
 * holds the offset and the timers as the document has them.
 */
public record ClockElement(Optional<String> offset, List<Timer> timers) {

    /** A {@code <timer name tickpolicy present/>}. */
    public record Timer(String name, Optional<String> tickpolicy, Optional<String> present) {

        static Timer read(XmlElement timer) {
            return new Timer(timer.attr("name"), timer.attribute("tickpolicy"), timer.attribute("present"));
        }

        void write(XmlWriter w) {
            w.start("timer").attr("name", name);
            w.attr("tickpolicy", tickpolicy);
            w.attr("present", present);
            w.end();
        }
    }

    public ClockElement {
        timers = List.copyOf(timers);
    }

    public static ClockElement of(Guest guest) {
        List<Timer> timers = new ArrayList<>();
        if (OsElement.isX86(guest.hardware().arch())) {
            timers.add(new Timer("rtc", Optional.of("catchup"), Optional.empty()));
            timers.add(new Timer("pit", Optional.of("delay"), Optional.empty()));
            timers.add(new Timer("hpet", Optional.empty(), Optional.of("no")));
            if (guest.hardware().virtType() == Guest.VirtType.KVM) {
                timers.add(new Timer("kvmclock", Optional.empty(), Optional.of("yes")));
            }
        }
        return new ClockElement(Optional.of(guest.localization().utcClock() ? "utc" : "localtime"), timers);
    }

    /** A {@code <clock>} as libvirt (or anyone) wrote it. */
    public static ClockElement read(XmlElement clock) {
        return new ClockElement(clock.attribute("offset"), clock.children("timer").stream().map(Timer::read)
                .toList());
    }

    public void write(XmlWriter w) {
        w.start("clock");
        w.attr("offset", offset);
        timers.forEach(t -> t.write(w));
        w.end();
    }
}
