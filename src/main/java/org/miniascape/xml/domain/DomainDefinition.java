package org.miniascape.xml.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.xml.OwnerMark;
import org.miniascape.xml.XmlElement;

/**
 * The parts of a {@code <domain>} miniascape reads: its name, UUID, virtualization type, description, owner mark,
 * memory and vCPUs, {@code <os>}, {@code <clock>}, and the disks and interfaces of its {@code <devices>}. Read
 * from libvirt ({@link org.miniascape.xml.DomainXml#read}) each holds what the document has, everything else
 * (controllers, addresses, aliases, the devices miniascape does not model) is left out; made from the model
 * ({@link #of}) it holds the elements {@link org.miniascape.xml.DomainXml#render} writes. The name and type are
 * empty when the document has none.
 */
public record DomainDefinition(String name, Optional<String> uuid, String type, Optional<String> description,
                               Optional<OwnerMark> mark, MemoryElements memory, Optional<OsElement> os,
                               Optional<ClockElement> clock, List<DiskElement> disks,
                               List<InterfaceElement> interfaces) {

    public DomainDefinition {
        disks = List.copyOf(disks);
        interfaces = List.copyOf(interfaces);
    }

    /** The definition of a guest with these devices ({@link DevicesElement#of}), its UUID and its mark. */
    public static DomainDefinition of(Guest guest, DevicesElement devices, Optional<String> uuid,
                                      Optional<OwnerMark> mark) {
        return new DomainDefinition(guest.name(), uuid, guest.hardware().virtType().key(),
                Optional.of(guest.description()).filter(d -> !d.isEmpty()), mark,
                MemoryElements.of(guest.hardware()), Optional.of(OsElement.of(guest)),
                Optional.of(ClockElement.of(guest)), devices.disks(), devices.interfaces());
    }

    /** A {@code <domain>} element as libvirt (or anyone) wrote it: the disks and interfaces of all its devices. */
    public static DomainDefinition read(XmlElement domain) {
        List<DiskElement> disks = new ArrayList<>();
        List<InterfaceElement> interfaces = new ArrayList<>();
        for (XmlElement devices : domain.children("devices")) {
            devices.children("disk").forEach(d -> disks.add(DiskElement.read(d)));
            devices.children("interface").forEach(i -> interfaces.add(InterfaceElement.read(i)));
        }
        return new DomainDefinition(domain.childText("name"), domain.child("uuid").map(u -> u.text().strip()),
                domain.attr("type"), domain.child("description").map(XmlElement::text), OwnerMark.of(domain),
                MemoryElements.read(domain), domain.child("os").map(OsElement::read),
                domain.child("clock").map(ClockElement::read), disks, interfaces);
    }
}
