package org.miniascape.xml;

import java.util.Optional;
import org.miniascape.model.StoragePool;

/**
 * A libvirt {@code <pool type>} with its name, UUID and target directory: what miniascape defines, and what it
 * reads back (libvirt adds capacity, source and permissions, which are not kept). Pools carry no
 * {@code <metadata>} in libvirt, so no ownership mark: miniascape knows its pools by the UUID it chose.
 */
public record PoolElement(String type, String name, Optional<String> uuid, Optional<String> targetPath) {

    static PoolElement of(StoragePool pool, Optional<String> uuid) {
        return new PoolElement(pool.type(), pool.name(), uuid, Optional.of(pool.path()));
    }

    /** A {@code <pool>} as libvirt (or anyone) wrote it; type and name are empty when missing. */
    public static PoolElement read(XmlElement pool) {
        return new PoolElement(pool.attr("type"), pool.childText("name"), pool.child("uuid").map(u -> u.text().strip()),
                pool.child("target").flatMap(t -> t.child("path")).map(p -> p.text().strip()));
    }

    void write(XmlWriter w) {
        w.start("pool").attr("type", type);
        w.element("name", name);
        w.element("uuid", uuid);
        targetPath.ifPresent(p -> w.start("target").element("path", p).end());
        w.end();
    }

    /** The element as a document of its own, without a header comment, ending with a newline. */
    public String toXml() {
        XmlWriter w = new XmlWriter();
        write(w);
        return w.finish();
    }
}
