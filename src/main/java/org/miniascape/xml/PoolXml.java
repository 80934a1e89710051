package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.StoragePool;

/** A storage pool for {@code virsh pool-define}: its type and target directory; and a pool's XML read back. */
public final class PoolXml {

    private PoolXml() {
    }

    public static String render(StoragePool pool) {
        return render(pool, Optional.empty());
    }

    /** The definition as it is given to libvirt, with the UUID miniascape chose for it. */
    public static String render(StoragePool pool, Optional<String> uuid) {
        return write(PoolElement.of(pool, uuid));
    }

    /** The header comment, then the element: a generated pool definition. */
    public static String write(PoolElement pool) {
        XmlWriter w = new XmlWriter();
        w.comment(NetworkXml.HEADER);
        pool.write(w);
        return w.finish();
    }

    /**
     * A pool document as libvirt (or a generated file) has it, typed. No DTD and no external entity is ever
     * read.
     *
     * @throws org.miniascape.MiniascapeException when it is not XML
     */
    public static PoolElement read(String xml) {
        return PoolElement.read(XmlElement.parse(xml));
    }
}
