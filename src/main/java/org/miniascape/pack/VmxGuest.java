package org.miniascape.pack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A VMware guest as far as libvirt can express it, mapped from a .vmx by {@link VmxMapper}; written as a
 * domain by {@link VmxDomainXml}. Disks are in VMware's controller order (SCSI, SATA, IDE, NVMe); {@code boot} marks the one the guest boots from; {@code image} is the qcow2 a disk's VMDK becomes.
 */
public record VmxGuest(String name, long memoryMib, int vcpus, Optional<Integer> coresPerSocket,
                       Optional<String> osinfo, boolean windows, boolean efi, String machine,
                       List<Controller> controllers, List<Disk> disks, List<Nic> nics) {

    /** A disk controller libvirt should have: type scsi/sata/ide, its index and model (scsi only). */
    public record Controller(String type, int index, Optional<String> model) {
    }

    /**
     * A disk or CD-ROM. {@code bus} is libvirt's (scsi, sata, ide, virtio); {@code controller}/{@code busNumber}/
     * {@code unit} keep the VMware position as a drive address (not for virtio).
     */
    public record Disk(String vmxKey, String device, String bus, String target, int controller, int busNumber,
                       int unit, Optional<Path> vmdk, Optional<Path> image, boolean boot) {
        public Disk withImage(Path qcow2) {
            return new Disk(vmxKey, device, bus, target, controller, busNumber, unit, vmdk, Optional.of(qcow2), boot);
        }
    }

    /** A NIC: MAC (when the .vmx had one), libvirt network name and device model. */
    public record Nic(int index, Optional<String> mac, String network, String model) {
    }

    public VmxGuest withDisks(List<Disk> newDisks) {
        return new VmxGuest(name, memoryMib, vcpus, coresPerSocket, osinfo, windows, efi, machine, controllers,
                newDisks, nics);
    }
}
