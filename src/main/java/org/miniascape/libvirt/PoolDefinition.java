package org.miniascape.libvirt;

import org.miniascape.xml.PoolElement;
import org.miniascape.xml.PoolXml;

/** A storage pool's XML read for comparison with the site: its type, UUID and target path. */
record PoolDefinition(String type, String uuid, String path) {

    static PoolDefinition parse(String xml) {
        PoolElement pool = PoolXml.read(xml);
        return new PoolDefinition(pool.type(), pool.uuid().orElse(""), pool.targetPath().orElse(""));
    }
}
