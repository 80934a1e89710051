package org.miniascape.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Element;

/**
 * What miniascape decides about a domain, read from its XML for comparison: virtualization type, memory, vCPUs,
 * architecture, disks (pool/volume, target) and interfaces (MAC, network, model). The qemu driver adds many
 * defaults of its own (controllers, PCI addresses, machine aliases), so whole documents are not compared.
 */
public record DomainFacts(String name, String type, long memoryKib, int vcpus, String arch, List<String> disks,
                          List<String> interfaces) {

    public static DomainFacts parse(String xml) {
        Element root = NetworkDefinition.document(xml).getDocumentElement();
        String name = text(root, "name");
        long memory = NetworkDefinition.child(root, "memory").map(DomainFacts::kib).orElse(0L);
        int vcpus = NetworkDefinition.child(root, "vcpu").map(e -> Integer.parseInt(e.getTextContent().strip()))
                .orElse(1);
        String arch = NetworkDefinition.child(root, "os").flatMap(os -> NetworkDefinition.child(os, "type"))
                .map(t -> t.getAttribute("arch")).orElse("");
        List<String> disks = new ArrayList<>();
        List<String> nics = new ArrayList<>();
        for (Element devices : NetworkDefinition.children(root, "devices")) {
            for (Element d : NetworkDefinition.children(devices, "disk")) {
                String src = NetworkDefinition.child(d, "source")
                        .map(s -> s.getAttribute("pool") + "/" + s.getAttribute("volume") + s.getAttribute("file"))
                        .orElse("");
                String target = NetworkDefinition.child(d, "target")
                        .map(t -> t.getAttribute("dev") + ":" + t.getAttribute("bus")).orElse("");
                disks.add(d.getAttribute("device") + " " + src + " " + target);
            }
            for (Element i : NetworkDefinition.children(devices, "interface")) {
                String mac = NetworkDefinition.child(i, "mac").map(m -> m.getAttribute("address")).orElse("")
                        .toLowerCase(Locale.ROOT);
                String net = NetworkDefinition.child(i, "source")
                        // A running domain's network interface names its bridge too: the network is what it is on.
                        .map(s -> s.hasAttribute("network") ? s.getAttribute("network") : s.getAttribute("bridge"))
                        .orElse("");
                String model = NetworkDefinition.child(i, "model").map(m -> m.getAttribute("type")).orElse("");
                nics.add(i.getAttribute("type") + " " + mac + " " + net + " " + model);
            }
        }
        return new DomainFacts(name, root.getAttribute("type"), memory, vcpus, arch, disks, nics);
    }

    /** The facts as lines, for a digest: everything but the name. */
    public List<String> canonical() {
        List<String> out = new ArrayList<>(List.of("type " + type, "memory " + memoryKib, "vcpus " + vcpus,
                "arch " + arch));
        disks.forEach(d -> out.add("disk " + d));
        interfaces.forEach(i -> out.add("interface " + i));
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

    /** The {@code <uuid>} of a domain's XML, empty when it has none. */
    public static String uuid(String xml) {
        return NetworkDefinition.uuid(xml);
    }

    /** Compares everything but the architecture when the desired XML leaves it to libvirt. */
    public boolean sameAs(DomainFacts desired) {
        return name.equals(desired.name) && type.equals(desired.type) && memoryKib == desired.memoryKib
                && vcpus == desired.vcpus && (desired.arch.isEmpty() || arch.equals(desired.arch))
                && disks.equals(desired.disks) && interfaces.equals(desired.interfaces);
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
        return out;
    }

    private static long kib(Element memory) {
        long value = Long.parseLong(memory.getTextContent().strip());
        String unit = memory.getAttribute("unit");
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

    private static String text(Element parent, String tag) {
        return NetworkDefinition.child(parent, tag).map(e -> e.getTextContent().strip()).orElse("");
    }
}
