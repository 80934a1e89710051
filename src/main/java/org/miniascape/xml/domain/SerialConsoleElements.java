package org.miniascape.xml.domain;

import java.util.List;
import java.util.Optional;

/**
 * {@code <serial type='pty'>} and the {@code <console>} on it, so that {@code virsh console NAME} works. The
 * serial port is also logged on the libvirt host, appended across boots, to {@link #logFile}: what the guest
 * printed before anyone attached is kept. In libvirt's schema {@code <log>} follows the source and precedes
 * {@code <target>}.
 */
public record SerialConsoleElements(String logFile) {
    /** Where libvirt's qemu driver keeps each domain's own log ({@code NAME.log}). */
    public static final String LOG_DIRECTORY = "/var/log/libvirt/qemu";

    /** The serial log of a guest: {@code /var/log/libvirt/qemu/NAME-serial.log}. */
    public static SerialConsoleElements forGuest(String guestName) {
        return new SerialConsoleElements(LOG_DIRECTORY + "/" + guestName + "-serial.log");
    }

    /** The {@code <serial>} and {@code <console>} devices. */
    public List<DeviceElement> devices() {
        Optional<String> none = Optional.empty();
        SerialElement serial = new SerialElement(Optional.of("pty"), none,
                Optional.of(new SerialElement.Log(Optional.of(logFile), Optional.of("on"))),
                Optional.of(new SerialElement.Target(Optional.of("isa-serial"), Optional.of("0"),
                        Optional.of("isa-serial"))));
        ConsoleElement console = new ConsoleElement(Optional.of("pty"), none, none, Optional.empty(),
                Optional.of(new ConsoleElement.Target(Optional.of("serial"), Optional.of("0"))));
        return List.of(serial, console);
    }
}
