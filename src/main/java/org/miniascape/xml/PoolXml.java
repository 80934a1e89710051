package org.miniascape.xml;

import org.miniascape.model.StoragePool;

/** A storage pool for {@code virsh pool-define}: its type and target directory. */
public final class PoolXml {

    private PoolXml() {
    }

    public static String render(StoragePool pool) {
        XmlWriter w = new XmlWriter();
        w.comment(NetworkXml.HEADER);
        w.start("pool").attr("type", pool.type());
        w.element("name", pool.name());
        w.start("target");
        w.element("path", pool.path());
        w.end();
        w.end();
        return w.finish();
    }
}
