package org.miniascape.xml.domain;

import java.util.List;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.model.Hardware;
import org.miniascape.model.KernelBoot;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <os>}: the architecture and machine type, booting from the first disk (the installer ran already when
 * this definition is used), or directly a kernel of the host ({@code boot}: {@code <kernel>}, {@code <initrd>},
 * {@code <cmdline>}, and no {@code <boot dev>}, in libvirt's order: type, loader, nvram, kernel, initrd,
 * cmdline, boot, bios). With a serial console, SeaBIOS prints to it too, so boot problems show in
 * {@code virsh console}. Arm guests boot UEFI only: libvirt picks the firmware ({@code firmware='efi'}).
 * Read back, it holds what the document has ({@code type} is {@code <type>}'s text, {@code hvm}); the kernel,
 * initrd and cmdline are their text as written.
 */
public record OsElement(Optional<String> firmware, Optional<String> arch, Optional<String> machine,
                        Optional<String> type, Optional<String> kernel, Optional<String> initrd,
                        Optional<String> cmdline, List<String> bootDevices, boolean serialBios) {

    public OsElement {
        bootDevices = List.copyOf(bootDevices);
    }

    public static OsElement of(Guest guest) {
        Hardware hw = guest.hardware();
        Optional<KernelBoot> k = hw.kernelBoot();
        return new OsElement(hw.arch().equals("aarch64") ? Optional.of("efi") : Optional.empty(),
                Optional.of(hw.arch()), hw.machine(), Optional.of("hvm"), k.map(KernelBoot::kernel),
                k.flatMap(KernelBoot::initrd), k.flatMap(KernelBoot::cmdline),
                k.isPresent() ? List.of() : List.of("hd"), hw.serialConsole() && isX86(hw.arch()));
    }

    /** An {@code <os>} as libvirt (or anyone) wrote it. */
    public static OsElement read(XmlElement os) {
        Optional<XmlElement> type = os.child("type");
        return new OsElement(os.attribute("firmware"), type.flatMap(t -> t.attribute("arch")),
                type.flatMap(t -> t.attribute("machine")), type.map(t -> t.text().strip()), text(os, "kernel"),
                text(os, "initrd"), text(os, "cmdline"),
                os.children("boot").stream().map(b -> b.attr("dev")).toList(),
                os.child("bios").map(b -> b.attr("useserial").equals("yes")).orElse(false));
    }

    private static Optional<String> text(XmlElement os, String name) {
        return os.child(name).map(XmlElement::text);
    }

    static boolean isX86(String arch) {
        return arch.equals("x86_64") || arch.equals("i686");
    }

    public void write(XmlWriter w) {
        w.start("os");
        w.attr("firmware", firmware);
        if (type.isPresent() || arch.isPresent() || machine.isPresent()) {
            w.start("type");
            w.attr("arch", arch);
            w.attr("machine", machine);
            w.text(type.orElse("")).end();
        }
        w.element("kernel", kernel);
        w.element("initrd", initrd);
        w.element("cmdline", cmdline);
        bootDevices.forEach(d -> w.start("boot").attr("dev", d).end());
        if (serialBios) {
            w.start("bios").attr("useserial", "yes").end();
        }
        w.end();
    }
}
