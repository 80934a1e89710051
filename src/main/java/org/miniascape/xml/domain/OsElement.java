package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.model.Hardware;
import org.miniascape.model.KernelBoot;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <os>}: the architecture and machine type, booting from the first disk (the installer ran already when
 * this definition is used), or directly a kernel of the host ({@code boot}: {@code <kernel>}, {@code <initrd>},
 * {@code <cmdline>}, and no {@code <boot dev>}, in libvirt's order: type, loader, nvram, kernel, initrd,
 * cmdline, boot, bios). With a serial console, SeaBIOS prints to it too, so boot problems show in
 * {@code virsh console}. Arm guests boot UEFI only: libvirt picks the firmware ({@code firmware='efi'}).
 */
public record OsElement(String arch, Optional<String> machine, boolean serialBios, Optional<KernelBoot> kernelBoot) {

    public static OsElement of(Guest guest) {
        Hardware hw = guest.hardware();
        return new OsElement(hw.arch(), hw.machine(), hw.serialConsole() && isX86(hw.arch()), hw.kernelBoot());
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
        if (kernelBoot.isPresent()) {
            KernelBoot k = kernelBoot.get();
            w.element("kernel", k.kernel());
            k.initrd().ifPresent(i -> w.element("initrd", i));
            k.cmdline().ifPresent(c -> w.element("cmdline", c));
        } else {
            w.start("boot").attr("dev", "hd").end();
        }
        if (serialBios) {
            w.start("bios").attr("useserial", "yes").end();
        }
        w.end();
    }
}
