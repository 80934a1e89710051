package org.miniascape.pack;

import org.miniascape.xml.XmlWriter;

/**
 * The libvirt domain of a converted VMware guest, through {@link XmlWriter} in a fixed element order. KVM,
 * q35 (or pc with IDE), host-model CPU, VNC display and a serial console so the guest can be reached.
 */
public final class VmxDomainXml {
    static final String OSINFO_NS = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

    private VmxDomainXml() {
    }

    public static String render(VmxGuest g) {
        XmlWriter w = new XmlWriter();
        w.comment("Converted by miniascape convert from a VMware .vmx");
        w.start("domain").attr("type", "kvm");
        w.element("name", g.name());
        g.osinfo().ifPresent(id -> {
            w.start("metadata");
            w.start("libosinfo:libosinfo").attr("xmlns:libosinfo", OSINFO_NS);
            w.start("libosinfo:os").attr("id", id).end();
            w.end();
            w.end();
        });
        w.start("memory").attr("unit", "MiB").text(Long.toString(g.memoryMib())).end();
        w.element("vcpu", Integer.toString(g.vcpus()));
        os(w, g);
        w.start("features");
        w.start("acpi").end();
        w.start("apic").end();
        w.end();
        cpu(w, g);
        // Windows keeps its clock in local time; everything else in UTC.
        w.start("clock").attr("offset", g.windows() ? "localtime" : "utc").end();
        w.start("devices");
        for (VmxGuest.Controller c : g.controllers()) {
            w.start("controller").attr("type", c.type()).attr("index", c.index());
            w.attr("model", c.model());
            w.end();
        }
        for (VmxGuest.Disk d : g.disks()) {
            disk(w, d);
        }
        for (VmxGuest.Nic n : g.nics()) {
            w.start("interface").attr("type", "network");
            n.mac().ifPresent(m -> w.start("mac").attr("address", m).end());
            w.start("source").attr("network", n.network()).end();
            w.start("model").attr("type", n.model()).end();
            w.end();
        }
        w.start("console").attr("type", "pty").end();
        w.start("graphics").attr("type", "vnc").attr("port", "-1").end();
        w.start("video");
        w.start("model").attr("type", "vga").end();
        w.end();
        w.end();
        w.end();
        return w.finish();
    }

    private static void os(XmlWriter w, VmxGuest g) {
        w.start("os");
        if (g.efi()) {
            w.attr("firmware", "efi");
        }
        w.start("type").attr("arch", "x86_64").attr("machine", g.machine()).text("hvm").end();
        w.end();
    }

    private static void cpu(XmlWriter w, VmxGuest g) {
        w.start("cpu").attr("mode", "host-model");
        g.coresPerSocket().ifPresent(cores -> w.start("topology").attr("sockets", g.vcpus() / cores)
                .attr("dies", 1).attr("cores", cores).attr("threads", 1).end());
        w.end();
    }

    private static void disk(XmlWriter w, VmxGuest.Disk d) {
        w.start("disk").attr("type", "file").attr("device", d.device());
        if (d.device().equals("disk")) {
            w.start("driver").attr("name", "qemu").attr("type", "qcow2").end();
            d.image().ifPresent(p -> w.start("source").attr("file", p.toString()).end());
        } else {
            w.start("driver").attr("name", "qemu").attr("type", "raw").end();
        }
        w.start("target").attr("dev", d.target()).attr("bus", d.bus()).end();
        if (d.boot()) {
            w.start("boot").attr("order", 1).end();
        }
        if (d.device().equals("cdrom")) {
            w.start("readonly").end();
        }
        if (!d.bus().equals("virtio")) {
            w.start("address").attr("type", "drive").attr("controller", d.controller()).attr("bus", d.busNumber())
                    .attr("target", 0).attr("unit", d.unit()).end();
        }
        w.end();
    }
}
