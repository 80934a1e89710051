package org.miniascape.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * miniascape's ownership mark, kept by libvirt inside a network's or domain's {@code <metadata>}:
 *
 * <pre>
 * &lt;metadata&gt;
 *   &lt;miniascape:owner xmlns:miniascape="https://miniascape.org/xmlns/owner/1" site="lab"
 *                     instance="…" digest="sha256:…"&gt;
 *     &lt;miniascape:volume pool="lab" name="web-1-disk1.qcow2"/&gt;
 *   &lt;/miniascape:owner&gt;
 * &lt;/metadata&gt;
 * </pre>
 *
 * {@code digest} is the digest of the definition miniascape gave the object (so a definition changed by hand
 * since then shows); a domain's mark lists the volumes miniascape created for it (storage volumes have no
 * metadata of their own); {@code installed="yes"} says that the installer of a kickstart or preseed guest has
 * run. Written by {@link #write} and read by {@link #read}, which finds the mark in a
 * whole network or domain document.
 */
public record OwnerMark(String site, String instance, String digest, List<VolumeRef> volumes, boolean installed) {
    public static final String NAMESPACE = "https://miniascape.org/xmlns/owner/1";
    private static final String PREFIX = "miniascape";

    /** A volume of a storage pool. */
    public record VolumeRef(String pool, String name) {
        @Override
        public String toString() {
            return pool + "/" + name;
        }
    }

    public OwnerMark {
        volumes = List.copyOf(volumes);
    }

    public OwnerMark(String site, String instance, String digest, List<VolumeRef> volumes) {
        this(site, instance, digest, volumes, false);
    }

    /** The same mark, saying whether the guest's installer has run (kickstart and preseed guests). */
    public OwnerMark withInstalled(boolean done) {
        return new OwnerMark(site, instance, digest, volumes, done);
    }

    /** Writes {@code <metadata>} holding the mark. */
    public void write(XmlWriter w) {
        w.start("metadata");
        w.start(PREFIX + ":owner").attr("xmlns:" + PREFIX, NAMESPACE).attr("site", site).attr("instance", instance)
                .attr("digest", digest);
        if (installed) {
            w.attr("installed", "yes");
        }
        for (VolumeRef v : volumes) {
            w.start(PREFIX + ":volume").attr("pool", v.pool()).attr("name", v.name()).end();
        }
        w.end();
        w.end();
    }

    /** The mark in a network or domain document, if it has one. No DTD and no external entity is ever read. */
    public static Optional<OwnerMark> read(String xml) {
        if (!xml.contains(NAMESPACE)) {
            return Optional.empty(); // most foreign objects: no parse at all
        }
        return of(XmlElement.parse(xml));
    }

    /** The first owner mark in the {@code <metadata>} of a network or domain element. */
    public static Optional<OwnerMark> of(XmlElement root) {
        for (XmlElement metadata : root.children("metadata")) {
            for (XmlElement owner : metadata.children()) {
                if (owner.localName().equals("owner") && NAMESPACE.equals(owner.namespace())) {
                    List<VolumeRef> volumes = new ArrayList<>();
                    for (XmlElement v : owner.children()) {
                        if (v.localName().equals("volume") && NAMESPACE.equals(v.namespace())) {
                            volumes.add(new VolumeRef(v.attr("pool"), v.attr("name")));
                        }
                    }
                    return Optional.of(new OwnerMark(owner.attr("site"), owner.attr("instance"), owner.attr("digest"),
                            volumes, owner.attr("installed").equals("yes")));
                }
            }
        }
        return Optional.empty();
    }
}
