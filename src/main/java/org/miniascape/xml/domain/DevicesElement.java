package org.miniascape.xml.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.model.Site;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <devices>}: the emulator, if named, then every device as a typed element in document order. miniascape
 * writes, in this fixed order: disks, controllers, interfaces, serial console, graphical display, guest agent
 * channel, memory balloon, RNG, and no {@code <emulator>} (libvirt picks the host's own). Read back, it holds
 * the devices of the kinds {@link DeviceElement} has (disks, controllers, interfaces, inputs, serial ports,
 * consoles, displays, video cards, channels, the balloon, RNGs) in the order the document has them; devices of
 * other kinds (host devices, sound, watchdogs, …) are not kept.
 */
public record DevicesElement(Optional<String> emulator, List<DeviceElement> devices) {

    public DevicesElement {
        devices = List.copyOf(devices);
    }

    public static DevicesElement of(Guest guest, Site site) {
        List<DeviceElement> devices = new ArrayList<>(DiskElement.of(guest));
        if (guest.disks().stream().anyMatch(d -> d.bus().equals("scsi"))) {
            devices.add(ControllerElement.VIRTIO_SCSI);
        }
        guest.nics().forEach(n -> devices.add(InterfaceElement.of(n, site.topology().nicMtu(n.network()))));
        if (guest.hardware().serialConsole()) {
            devices.addAll(SerialConsoleElements.forGuest(guest.name()).devices());
        }
        devices.addAll(new GraphicsElements(guest.hardware().graphics()).devices());
        devices.add(ChannelElement.GUEST_AGENT);
        devices.add(MemballoonElement.VIRTIO);
        devices.add(RngElement.URANDOM);
        return new DevicesElement(Optional.empty(), devices);
    }

    /** A {@code <devices>} as libvirt (or anyone) wrote it. */
    public static DevicesElement read(XmlElement devices) {
        List<DeviceElement> read = new ArrayList<>();
        for (XmlElement d : devices.children()) {
            device(d).ifPresent(read::add);
        }
        return new DevicesElement(devices.child("emulator").map(e -> e.text().strip()), read);
    }

    private static Optional<DeviceElement> device(XmlElement d) {
        return Optional.ofNullable(switch (d.name()) {
            case "disk" -> DiskElement.read(d);
            case "controller" -> ControllerElement.read(d);
            case "interface" -> InterfaceElement.read(d);
            case "input" -> InputElement.read(d);
            case "serial" -> SerialElement.read(d);
            case "console" -> ConsoleElement.read(d);
            case "graphics" -> GraphicsElement.read(d);
            case "video" -> VideoElement.read(d);
            case "channel" -> ChannelElement.read(d);
            case "memballoon" -> MemballoonElement.read(d);
            case "rng" -> RngElement.read(d);
            default -> null;
        });
    }

    /** The devices of one kind, in document order. */
    public <T extends DeviceElement> List<T> all(Class<T> kind) {
        return devices.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public List<DiskElement> disks() {
        return all(DiskElement.class);
    }

    public List<InterfaceElement> interfaces() {
        return all(InterfaceElement.class);
    }

    public void write(XmlWriter w) {
        w.start("devices");
        w.element("emulator", emulator);
        devices.forEach(d -> d.write(w));
        w.end();
    }
}
