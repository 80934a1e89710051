package org.miniascape.xml.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.xml.OwnerMark;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * A {@code <domain>} as typed elements: what {@link org.miniascape.xml.DomainXml#render} writes, and what
 * miniascape reads back from libvirt ({@link org.miniascape.xml.DomainXml#read}): name, UUID, virtualization
 * type, description, owner mark, memory and vCPUs, {@code <os>}, {@code <features>}, {@code <cpu>},
 * {@code <clock>}, the lifecycle actions, {@code <pm>} and {@code <devices>}. Read, each holds what the document
 * has; what no record models (the running domain's {@code id}, aliases, addresses, {@code <resource>},
 * {@code <seclabel>}, …) is left out. Made from the model ({@link #of}) it holds the elements {@code render}
 * writes. Written ({@link #write}) in one fixed order, libvirt's: name, uuid, description, metadata, memory,
 * currentMemory, vcpu, os, features, cpu, clock, on_poweroff, on_reboot, on_crash, pm, devices. The name and
 * type are empty when the document has none.
 */
public record DomainDefinition(String name, Optional<String> uuid, String type, Optional<String> description,
                               Optional<OwnerMark> mark, MemoryElements memory, Optional<OsElement> os,
                               Optional<FeaturesElement> features, Optional<CpuElement> cpu,
                               Optional<ClockElement> clock, LifecycleElements lifecycle, Optional<PmElement> pm,
                               Optional<DevicesElement> devices) {

    /** The definition of a guest with these devices ({@link DevicesElement#of}), its UUID and its mark. */
    public static DomainDefinition of(Guest guest, DevicesElement devices, Optional<String> uuid,
                                      Optional<OwnerMark> mark) {
        return new DomainDefinition(guest.name(), uuid, guest.hardware().virtType().key(),
                Optional.of(guest.description()).filter(d -> !d.isEmpty()), mark,
                MemoryElements.of(guest.hardware()), Optional.of(OsElement.of(guest)),
                Optional.of(FeaturesElement.of(guest)), CpuElement.of(guest), Optional.of(ClockElement.of(guest)),
                LifecycleElements.DEFAULT, Optional.of(PmElement.DEFAULT), Optional.of(devices));
    }

    /**
     * A {@code <domain>} element as libvirt (or anyone) wrote it; the first of each single element is read. The
     * devices of every {@code <devices>} are kept, in document order (libvirt writes one).
     */
    public static DomainDefinition read(XmlElement domain) {
        List<XmlElement> devices = domain.children("devices");
        Optional<DevicesElement> read = Optional.empty();
        if (!devices.isEmpty()) {
            List<XmlElement> all = new ArrayList<>();
            devices.forEach(d -> all.addAll(d.children()));
            read = Optional.of(DevicesElement.read(devices.get(0).withChildren(all)));
        }
        return new DomainDefinition(domain.childText("name"), domain.child("uuid").map(u -> u.text().strip()),
                domain.attr("type"), domain.child("description").map(XmlElement::text), OwnerMark.of(domain),
                MemoryElements.read(domain), domain.child("os").map(OsElement::read),
                domain.child("features").map(FeaturesElement::read), domain.child("cpu").map(CpuElement::read),
                domain.child("clock").map(ClockElement::read), LifecycleElements.read(domain),
                domain.child("pm").map(PmElement::read), read);
    }

    /** The disks of its devices, in document order. */
    public List<DiskElement> disks() {
        return devices.map(DevicesElement::disks).orElse(List.of());
    }

    /** The interfaces of its devices, in document order. */
    public List<InterfaceElement> interfaces() {
        return devices.map(DevicesElement::interfaces).orElse(List.of());
    }

    public void write(XmlWriter w) {
        w.start("domain").attr("type", type);
        w.element("name", name);
        w.element("uuid", uuid);
        w.element("description", description);
        mark.ifPresent(m -> m.write(w));
        memory.write(w);
        os.ifPresent(o -> o.write(w));
        features.ifPresent(f -> f.write(w));
        cpu.ifPresent(c -> c.write(w));
        clock.ifPresent(c -> c.write(w));
        lifecycle.write(w);
        pm.ifPresent(p -> p.write(w));
        devices.ifPresent(d -> d.write(w));
        w.end();
    }

    /** The element as a document of its own, without a header comment, ending with a newline. */
    public String toXml() {
        XmlWriter w = new XmlWriter();
        write(w);
        return w.finish();
    }
}
