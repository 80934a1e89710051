package org.miniascape.libvirt;

import org.miniascape.xml.XmlElement;

/** A storage pool's XML read for comparison with the site: its type, UUID and target path. */
record PoolDefinition(String type, String uuid, String path) {

    static PoolDefinition parse(String xml) {
        XmlElement root = XmlElement.parse(xml);
        String path = root.child("target").map(t -> t.childText("path")).orElse("");
        return new PoolDefinition(root.attr("type"), root.childText("uuid"), path);
    }
}
