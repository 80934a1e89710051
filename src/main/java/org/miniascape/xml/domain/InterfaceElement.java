package org.miniascape.xml.domain;

import org.miniascape.model.Nic;
import org.miniascape.xml.XmlWriter;

/** {@code <interface type='network'>}: the NIC on its libvirt network, with the MAC its DHCP reservation has. */
public record InterfaceElement(Nic nic) {

    public void write(XmlWriter w) {
        w.start("interface").attr("type", "network");
        w.start("mac").attr("address", nic.mac().toString()).end();
        w.start("source").attr("network", nic.network()).end();
        w.start("model").attr("type", nic.model()).end();
        w.end();
    }
}
