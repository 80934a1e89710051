package org.miniascape.xml.domain;

import java.util.Optional;
import org.miniascape.model.Guest;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <cpu mode='host-passthrough'>} under KVM: the guest sees the host CPU (a lab guest is not migrated
 * between different hosts). Under TCG (virt_type qemu) there is no host CPU to pass through: libvirt's
 * default emulated model is used.
 */
public record CpuElement() {

    public static Optional<CpuElement> of(Guest guest) {
        return guest.hardware().virtType() == Guest.VirtType.KVM ? Optional.of(new CpuElement()) : Optional.empty();
    }

    public void write(XmlWriter w) {
        w.start("cpu").attr("mode", "host-passthrough").attr("check", "none").attr("migratable", "on").end();
    }
}
