package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.miniascape.xml.XmlElement;

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
        String name = root.childText("name");
        long memory = root.child("memory").map(DomainFacts::kib).orElse(0L);
        int vcpus = root.child("vcpu").map(e -> Integer.parseInt(e.text().strip())).orElse(1);
        String arch = root.child("os").flatMap(os -> os.child("type")).map(t -> t.attr("arch")).orElse("");
        KernelBootFacts kernel = root.child("os").map(KernelBootFacts::parse).orElse(KernelBootFacts.NONE);
        List<String> disks = new ArrayList<>();
        List<String> nics = new ArrayList<>();
        for (XmlElement devices : root.children("devices")) {
            for (XmlElement d : devices.children("disk")) {
                String src = d.child("source").map(s -> s.attr("pool") + "/" + s.attr("volume") + s.attr("file"))
                        .orElse("");
                String target = d.child("target").map(t -> t.attr("dev") + ":" + t.attr("bus")).orElse("");
                String volume = d.child("source").map(s -> s.attr("volume")).orElse("");
                disks.add(d.attr("device") + " " + src + " " + target + access(volume,
                        d.child("readonly").isPresent(), d.child("shareable").isPresent()));
            }
            for (XmlElement i : devices.children("interface")) {
                String mac = i.child("mac").map(m -> m.attr("address")).orElse("").toLowerCase(Locale.ROOT);
                String net = i.child("source")
                        // A running domain's network interface names its bridge too: the network is what it is on.
                        .map(s -> s.attribute("network").orElse(s.attr("bridge")))
                        .orElse("");
                String model = i.child("model").map(m -> m.attr("type")).orElse("");
                nics.add(i.attr("type") + " " + mac + " " + net + " " + model);
            }
        }
        String clock = root.child("clock").map(c -> c.attr("offset")).filter(o -> !o.isEmpty()).orElse("utc");
        return new DomainFacts(name, root.attr("type"), memory, vcpus, arch, disks, nics, kernel, clock);
    }

    /**
     * The facts of the domain XML miniascape writes for a resolved guest (its final disks: see
     * {@link org.miniascape.validate.SiteResolver#resolveDisks}), taken from the same element objects that write it, without
     * writing and reading the document: the same as {@code parse(DomainXml.render(guest, site))}.
     */
    public static DomainFacts of(org.miniascape.model.Guest guest) {
        List<String> disks = new ArrayList<>();
        for (org.miniascape.xml.domain.DiskElement d : org.miniascape.xml.domain.DiskElement.of(guest)) {
            disks.add("disk " + d.disk().pool() + "/" + d.disk().volume() + " " + d.targetDev() + ":"
                    + d.disk().bus() + access(d.disk().volume(), d.disk().readOnly(), d.disk().shareable()));
        }
        List<String> nics = new ArrayList<>();
        for (org.miniascape.model.Nic n : guest.nics()) {
            nics.add("network " + n.mac().toString().toLowerCase(Locale.ROOT) + " " + n.network() + " " + n.model());
        }
        org.miniascape.model.Hardware hw = guest.hardware();
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
        List<String> out = new ArrayList<>();
        for (XmlElement devices : XmlElement.parse(xml).children("devices")) {
            for (XmlElement nic : devices.children("interface")) {
                for (XmlElement mac : nic.children("mac")) {
                    out.add(mac.attr("address").toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
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

    private static long kib(XmlElement memory) {
        long value = Long.parseLong(memory.text().strip());
        String unit = memory.attr("unit");
        return switch (unit.isEmpty() ? "KiB" : unit) {
            case "b", "bytes" -> value / 1024;
            case "KB" -> value * 1000 / 1024;
            case "k", "KiB" -> value;
            case "MB" -> value * 1000 * 1000 / 1024;
            case "M", "MiB" -> value * 1024;
            case "GB" -> value * 1000 * 1000 * 1000 / 1024;
            case "G", "GiB" -> value * 1024 * 1024;
            default -> throw new IllegalArgumentException("unknown memory unit '" + unit + "'");
        };
    }
}
