package org.miniascape.xml.domain;

import java.util.List;
import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.model.Nic;
import org.miniascape.model.Site;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <devices>} in a fixed order: disks, controllers, interfaces, serial console, graphical display, guest
 * agent channel, memory balloon, RNG. No {@code <emulator>}: libvirt picks the host's own.
 */
public record DevicesElement(List<DiskElement> disks, boolean scsi, List<InterfaceElement> interfaces,
                             Optional<SerialConsoleElements> serialConsole, GraphicsElements graphics) {

    public static DevicesElement of(Guest guest, Site site) {
        boolean scsi = guest.disks().stream().anyMatch(d -> d.bus().equals("scsi"));
        List<InterfaceElement> interfaces = guest.nics().stream()
                .map(n -> InterfaceElement.of(n, site.topology().nicMtu(n.network()))).toList();
        return new DevicesElement(DiskElement.of(guest), scsi, interfaces, guest.hardware().serialConsole()
                ? Optional.of(SerialConsoleElements.forGuest(guest.name())) : Optional.empty(),
                new GraphicsElements(guest.hardware().graphics()));
    }

    public void write(XmlWriter w) {
        w.start("devices");
        disks.forEach(d -> d.write(w));
        if (scsi) {
            ControllerElement.VIRTIO_SCSI.write(w);
        }
        interfaces.forEach(i -> i.write(w));
        serialConsole.ifPresent(s -> s.write(w));
        graphics.write(w);
        new ChannelElement().write(w);
        new MemballoonElement().write(w);
        new RngElement().write(w);
        w.end();
    }
}
