package org.miniascape.xml;

import org.miniascape.model.StoragePool;

/** A storage pool for {@code virsh pool-define}: its type and target directory. */
public final class PoolXml {

    private PoolXml() {
    }

    public static String render(StoragePool pool) {
        return render(pool, java.util.Optional.empty());
    }

    /** The definition as it is given to libvirt, with the UUID miniascape chose for it. */
    public static String render(StoragePool pool, java.util.Optional<String> uuid) {
        XmlWriter w = new XmlWriter();
        w.comment(NetworkXml.HEADER);
        w.start("pool").attr("type", pool.type());
        w.element("name", pool.name());
        uuid.ifPresent(u -> w.element("uuid", u));
        w.start("target");
        w.element("path", pool.path());
        w.end();
        w.end();
        return w.finish();
    }
}
