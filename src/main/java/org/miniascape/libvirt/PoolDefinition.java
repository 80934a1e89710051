package org.miniascape.libvirt;

import org.w3c.dom.Element;

/** A storage pool's XML read for comparison with the site: its type, UUID and target path. */
record PoolDefinition(String type, String uuid, String path) {

    static PoolDefinition parse(String xml) {
        Element root = NetworkDefinition.document(xml).getDocumentElement();
        String path = NetworkDefinition.child(root, "target").flatMap(t -> NetworkDefinition.child(t, "path"))
                .map(p -> p.getTextContent().strip()).orElse("");
        String uuid = NetworkDefinition.child(root, "uuid").map(u -> u.getTextContent().strip()).orElse("");
        return new PoolDefinition(root.getAttribute("type"), uuid, path);
    }
}
