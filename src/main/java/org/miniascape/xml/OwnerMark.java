package org.miniascape.xml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.miniascape.MiniascapeException;

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
 * metadata of their own). Written by {@link #write} and read by {@link #read}, which finds the mark in a
 * whole network or domain document.
 */
public record OwnerMark(String site, String instance, String digest, List<VolumeRef> volumes) {
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

    /** Writes {@code <metadata>} holding the mark. */
    public void write(XmlWriter w) {
        w.start("metadata");
        w.start(PREFIX + ":owner").attr("xmlns:" + PREFIX, NAMESPACE).attr("site", site).attr("instance", instance)
                .attr("digest", digest);
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
        XMLStreamReader r = null;
        try {
            r = Factory.INPUT.createXMLStreamReader(new StringReader(xml));
            int depth = 0;
            boolean inMetadata = false;
            OwnerMark found = null;
            List<VolumeRef> volumes = new ArrayList<>();
            String[] owner = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String local = r.getLocalName();
                    if (depth == 2 && local.equals("metadata")) {
                        inMetadata = true;
                    } else if (inMetadata && depth == 3 && local.equals("owner")
                            && NAMESPACE.equals(r.getNamespaceURI()) && owner == null) {
                        owner = new String[] {attr(r, "site"), attr(r, "instance"), attr(r, "digest")};
                    } else if (owner != null && found == null && depth == 4 && local.equals("volume")
                            && NAMESPACE.equals(r.getNamespaceURI())) {
                        volumes.add(new VolumeRef(attr(r, "pool"), attr(r, "name")));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (inMetadata && depth == 3 && owner != null && found == null) {
                        found = new OwnerMark(owner[0], owner[1], owner[2], volumes);
                    }
                    if (depth == 2) {
                        inMetadata = false;
                    }
                    depth--;
                }
            }
            return Optional.ofNullable(found);
        } catch (XMLStreamException e) {
            throw MiniascapeException.failed("cannot read libvirt XML: " + e.getMessage(), e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing was held open beyond the string
                }
            }
        }
    }

    private static String attr(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v;
    }

    /** The JDK's own StAX reader, with DTDs and external entities off. */
    private static final class Factory {
        static final XMLInputFactory INPUT = make();

        private static XMLInputFactory make() {
            XMLInputFactory f = XMLInputFactory.newDefaultFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
            return f;
        }
    }
}
