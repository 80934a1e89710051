package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.model.Hardware;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <os>}: the architecture and machine type, booting from the first disk (the installer ran already when
 * this definition is used). With a serial console, SeaBIOS prints to it too, so boot problems show in
 * {@code virsh console}. Arm guests boot UEFI only: libvirt picks the firmware ({@code firmware='efi'}).
 */
public record OsElement(String arch, Optional<String> machine, boolean serialBios) {

    public static OsElement of(Guest guest) {
        Hardware hw = guest.hardware();
        return new OsElement(hw.arch(), hw.machine(), hw.serialConsole() && isX86(hw.arch()));
    }

    static boolean isX86(String arch) {
        return arch.equals("x86_64") || arch.equals("i686");
    }

    public void write(XmlWriter w) {
        w.start("os");
        if (arch.equals("aarch64")) {
            w.attr("firmware", "efi");
        }
        w.start("type").attr("arch", arch);
        machine.ifPresent(m -> w.attr("machine", m));
        w.text("hvm").end();
        w.start("boot").attr("dev", "hd").end();
        if (serialBios) {
            w.start("bios").attr("useserial", "yes").end();
        }
        w.end();
    }
}
