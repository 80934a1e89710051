package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.model.Hardware;
import org.miniascape.xml.DomainXml;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.domain.ClockElement;
import org.miniascape.xml.domain.DiskElement;
import org.miniascape.xml.domain.DomainDefinition;
import org.miniascape.xml.domain.InterfaceElement;
import org.miniascape.xml.domain.MemoryElements;
import org.miniascape.xml.domain.OsElement;

/**
 * What miniascape decides about a domain, read from its XML for comparison: virtualization type, memory, vCPUs,
 * architecture, disks (pool/volume, target), interfaces (MAC, network, model), the kernel it boots directly
 * ({@code <os>}'s kernel, initrd and cmdline: empty when it boots from its disk) and its clock's offset ({@code utc},
 * or {@code localtime} for a guest whose hardware clock keeps local time). The qemu driver adds many
 * defaults of its own (controllers, PCI addresses, machine aliases), so whole documents are not compared.
 */
public record DomainFacts(String name, String type, long memoryKib, int vcpus, String arch, List<String> disks,
                          List<String> interfaces, KernelBootFacts kernelBoot, String clock) {

    public static DomainFacts parse(String xml) {
        return of(XmlElement.parse(xml));
    }

    /** The facts of a domain document already parsed ({@code root}: its domain element). */
    public static DomainFacts of(XmlElement root) {
        return of(DomainXml.read(root));
    }

    /** The facts of a domain definition read back from libvirt (or a file). */
    public static DomainFacts of(DomainDefinition d) {
        long memory = d.memory().memory().map(MemoryElements.Size::kib).orElse(0L);
        int vcpus = d.memory().vcpus().orElse(1);
        String arch = d.os().flatMap(OsElement::arch).orElse("");
        KernelBootFacts kernel = d.os().map(KernelBootFacts::of).orElse(KernelBootFacts.NONE);
        List<String> disks = d.disks().stream().map(DomainFacts::disk).toList();
        List<String> nics = d.interfaces().stream().map(DomainFacts::nic).toList();
        String clock = d.clock().flatMap(ClockElement::offset).filter(o -> !o.isEmpty()).orElse("utc");
        return new DomainFacts(d.name(), d.type(), memory, vcpus, arch, disks, nics, kernel, clock);
    }

    /** "DEVICE POOL/VOLUME DEV:BUS" (a file disk: "DEVICE /FILE DEV:BUS"), then how it is attached. */
    private static String disk(DiskElement d) {
        String src = d.source().map(s -> s.pool().orElse("") + "/" + s.volume().orElse("") + s.file().orElse(""))
                .orElse("");
        String target = d.target().map(t -> t.dev().orElse("") + ":" + t.bus().orElse("")).orElse("");
        String volume = d.source().flatMap(DiskElement.Source::volume).orElse("");
        return d.device().orElse("") + " " + src + " " + target + access(volume, d.readOnly(), d.shareable());
    }

    /**
     * "TYPE MAC NETWORK MODEL", the MAC in lower case. A running domain's network interface names its bridge
     * too: the network is what it is on.
     */
    private static String nic(InterfaceElement i) {
        String net = i.source().map(s -> s.network().orElse(s.bridge().orElse(""))).orElse("");
        return i.type().orElse("") + " " + i.mac().orElse("").toLowerCase(Locale.ROOT) + " " + net + " "
                + i.model().orElse("");
    }

    /**
     * The facts of the domain XML miniascape writes for a resolved guest (its final disks: see
     * {@link org.miniascape.validate.SiteResolver#resolveDisks}), taken from the same element objects that write
     * it, without writing and reading the document: the same as {@code parse(DomainXml.render(guest, site))}.
     */
    public static DomainFacts of(Guest guest) {
        List<String> disks = DiskElement.of(guest).stream().map(DomainFacts::disk).toList();
        List<String> nics = guest.nics().stream().map(n -> nic(InterfaceElement.of(n, Optional.empty()))).toList();
        Hardware hw = guest.hardware();
        return new DomainFacts(guest.name(), hw.virtType().key(), hw.memoryMib() * 1024L, hw.vcpus(), hw.arch(),
                disks, nics, KernelBootFacts.of(hw.kernelBoot()),
                guest.localization().utcClock() ? "utc" : "localtime");
    }

    /**
     * How a disk is attached, where it is not the default (read and written by this guest alone): " readonly",
     * " shareable". Nothing for the others, so the digests of existing marks stay what they were; nor for a
     * NoCloud seed, always read-only (and so before the disks' own {@code readonly}).
     */
    private static String access(String volume, boolean readOnly, boolean shareable) {
        boolean seed = volume.endsWith(org.miniascape.model.NoCloudSeed.SUFFIX);
        return (readOnly && !seed ? " readonly" : "") + (shareable ? " shareable" : "");
    }

    /** The MAC addresses of a domain's interfaces, in lower case, in document order. */
    static List<String> macs(String xml) {
        return DomainXml.read(XmlElement.parse(xml)).interfaces().stream().flatMap(i -> i.mac().stream())
                .map(m -> m.toLowerCase(Locale.ROOT)).toList();
    }

    /** The facts as lines, for a digest: everything but the name. */
    public List<String> canonical() {
        List<String> out = new ArrayList<>(List.of("type " + type, "memory " + memoryKib, "vcpus " + vcpus,
                "arch " + arch));
        disks.forEach(d -> out.add("disk " + d));
        interfaces.forEach(i -> out.add("interface " + i));
        // Nothing for a domain that boots from its disk, so the digests of existing marks stay what they were.
        out.addAll(kernelBoot.lines());
        if (!clock.equals("utc")) { // likewise: a UTC clock adds no line
            out.add("clock " + clock);
        }
        return out;
    }

    /** True when an interface is on {@code network} (by name) or on {@code bridge} (when not empty). */
    public boolean attachedTo(String network, String bridge) {
        for (String nic : interfaces) {
            String[] f = nic.split(" ", -1);
            if (f.length > 2 && (f[2].equals(network) || !bridge.isEmpty() && f[2].equals(bridge))) {
                return true;
            }
        }
        return false;
    }

    /** Compares everything but the architecture when the desired XML leaves it to libvirt. */
    public boolean sameAs(DomainFacts desired) {
        return name.equals(desired.name) && type.equals(desired.type) && memoryKib == desired.memoryKib
                && vcpus == desired.vcpus && (desired.arch.isEmpty() || arch.equals(desired.arch))
                && disks.equals(desired.disks) && interfaces.equals(desired.interfaces)
                && kernelBoot.equals(desired.kernelBoot) && clock.equals(desired.clock);
    }

    /** Human-readable differences, "live → site". */
    public List<String> differences(DomainFacts desired) {
        List<String> out = new ArrayList<>();
        if (!type.equals(desired.type)) {
            out.add("type " + type + " -> " + desired.type);
        }
        if (memoryKib != desired.memoryKib) {
            out.add("memory " + memoryKib / 1024 + " MiB -> " + desired.memoryKib / 1024 + " MiB");
        }
        if (vcpus != desired.vcpus) {
            out.add("vcpus " + vcpus + " -> " + desired.vcpus);
        }
        if (!desired.arch.isEmpty() && !arch.equals(desired.arch)) {
            out.add("arch " + arch + " -> " + desired.arch);
        }
        if (!disks.equals(desired.disks)) {
            out.add("disks " + disks + " -> " + desired.disks);
        }
        if (!interfaces.equals(desired.interfaces)) {
            out.add("interfaces " + interfaces + " -> " + desired.interfaces);
        }
        out.addAll(kernelBoot.differences(desired.kernelBoot));
        if (!clock.equals(desired.clock)) {
            out.add("clock " + clock + " -> " + desired.clock);
        }
        return out;
    }
}
