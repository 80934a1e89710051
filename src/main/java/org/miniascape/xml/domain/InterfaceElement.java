package org.miniascape.xml.domain;

import org.miniascape.model.Nic;
import org.miniascape.xml.XmlWriter;

/**
 * {@code <interface type='network'>}: the NIC on its libvirt network, with the MAC its DHCP reservation has, and
 * {@code <mtu size>} where the site gives one (a network stretched over hosts by VXLAN: 1450 over a 1500
 * underlay), which QEMU passes to a virtio guest as its interface's MTU.
 */
public record InterfaceElement(Nic nic, java.util.Optional<Integer> mtu) {

    public InterfaceElement(Nic nic) {
        this(nic, java.util.Optional.empty());
    }

    public void write(XmlWriter w) {
        w.start("interface").attr("type", "network");
        w.start("mac").attr("address", nic.mac().toString()).end();
        w.start("source").attr("network", nic.network()).end();
        w.start("model").attr("type", nic.model()).end();
        mtu.ifPresent(m -> w.start("mtu").attr("size", m).end());
        w.end();
    }
}
