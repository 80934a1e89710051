package org.miniascape.pack;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.miniascape.MiniascapeException;
import org.miniascape.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A libvirt domain XML read back (from libvirt or a file) so that its disks can be found and rewritten. Written
 * out again through {@link XmlWriter}, element by element, so the same input always gives the same bytes
 * whatever whitespace it came with.
 */
public final class DomainDocument {
    private final Document doc;

    private DomainDocument(Document doc) {
        this.doc = doc;
    }

    public static DomainDocument parse(String xml, String origin) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document doc = b.parse(new InputSource(new StringReader(xml)));
            if (!doc.getDocumentElement().getTagName().equals("domain")) {
                throw MiniascapeException.badInput(origin + ": not a libvirt domain XML (root element <"
                        + doc.getDocumentElement().getTagName() + ">)");
            }
            DomainDocument d = new DomainDocument(doc);
            if (d.name().isEmpty()) {
                throw MiniascapeException.badInput(origin + ": the domain has no <name>");
            }
            return d;
        } catch (SAXException e) {
            throw MiniascapeException.badInput(origin + ": not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw MiniascapeException.failed("cannot parse " + origin + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return child(doc.getDocumentElement(), "name").map(e -> e.getTextContent().strip()).orElse("");
    }

    /** A disk of the domain: its element plus what we read from it. */
    public record DiskRef(Element element, String type, String device, Optional<String> driverType,
                          Optional<String> source, String target) {
        /** Points the disk at a file; {@code type='volume'} disks become file disks. */
        public void setFile(String path) {
            element.setAttribute("type", "file");
            Element src = child(element, "source").orElseGet(() -> {
                Element s = element.getOwnerDocument().createElement("source");
                element.insertBefore(s, element.getFirstChild());
                return s;
            });
            for (String a : List.of("pool", "volume", "dev", "protocol", "name", "mode")) {
                src.removeAttribute(a);
            }
            src.setAttribute("file", path);
        }

        public void setFormat(String format) {
            child(element, "driver").ifPresent(d -> d.setAttribute("type", format));
        }

        /**
         * Drops the backing chain libvirt wrote out: its paths are this host's; the images' headers carry the
         * chain (relative names with declared formats) and libvirt reads it from there.
         */
        public void dropBackingStore() {
            child(element, "backingStore").ifPresent(element::removeChild);
        }

        /** Ejects a removable medium (the ISO is not part of the bundle). */
        public void eject() {
            child(element, "source").ifPresent(element::removeChild);
            dropBackingStore();
        }
    }

    public List<DiskRef> disks() {
        List<DiskRef> disks = new ArrayList<>();
        for (Element devices : children(doc.getDocumentElement(), "devices")) {
            for (Element disk : children(devices, "disk")) {
                Optional<Element> source = child(disk, "source");
                String type = disk.getAttribute("type").isEmpty() ? "file" : disk.getAttribute("type");
                Optional<String> src = source.map(s -> switch (type) {
                    case "file" -> s.getAttribute("file");
                    case "block" -> s.getAttribute("dev");
                    case "volume" -> s.getAttribute("pool") + "/" + s.getAttribute("volume");
                    default -> s.getAttribute("name");
                }).filter(s -> !s.isEmpty());
                Optional<String> driverType = child(disk, "driver").map(d -> d.getAttribute("type"))
                        .filter(s -> !s.isEmpty());
                String target = child(disk, "target").map(t -> t.getAttribute("dev")).orElse("?");
                String device = disk.getAttribute("device").isEmpty() ? "disk" : disk.getAttribute("device");
                disks.add(new DiskRef(disk, type, device, driverType, src, target));
            }
        }
        return disks;
    }

    /**
     * What, besides disks, would give the guest something of the host it runs on: a host directory, device
     * or file, a kernel from the host's disk, or arguments passed to QEMU directly. One line per element.
     */
    public List<String> hostResources() {
        List<String> found = new ArrayList<>();
        hostResources(doc.getDocumentElement(), found);
        return found;
    }

    private static void hostResources(Element e, List<String> found) {
        String tag = e.getTagName();
        String type = e.getAttribute("type");
        if (tag.contains(":")) {
            found.add("<" + tag + "> (passes settings to the hypervisor directly)");
            return;
        }
        switch (tag) {
            case "filesystem" -> found.add("<filesystem> (a host directory" + sourceOf(e) + ")");
            case "hostdev" -> found.add("<hostdev> (a host device)");
            case "interface" -> {
                if (type.equals("hostdev")) {
                    found.add("<interface type='hostdev'> (a host network device)");
                }
            }
            case "kernel", "initrd", "dtb" -> {
                if (e.getParentNode() instanceof Element p && p.getTagName().equals("os")
                        && !e.getTextContent().isBlank()) {
                    found.add("<os><" + tag + "> " + e.getTextContent().strip() + " (a host file)");
                }
            }
            case "serial", "parallel", "console", "channel" -> {
                if (type.equals("file") || type.equals("dev") || type.equals("pipe")) {
                    found.add("<" + tag + " type='" + type + "'> (a host file or device" + sourceOf(e) + ")");
                }
            }
            case "input" -> {
                if (type.equals("passthrough") || type.equals("evdev")) {
                    found.add("<input type='" + type + "'> (a host input device" + sourceOf(e) + ")");
                }
            }
            case "memory" -> {
                if (e.getParentNode() instanceof Element p && p.getTagName().equals("devices")
                        && child(e, "source").isPresent()) {
                    found.add("<memory model='" + e.getAttribute("model") + "'> (backed by a host file"
                            + child(child(e, "source").get(), "path").map(x -> ": " + x.getTextContent().strip())
                                    .orElse("") + ")");
                }
            }
            case "audio" -> {
                if (type.equals("file")) {
                    found.add("<audio type='file'> (writes a host file: " + e.getAttribute("path") + ")");
                }
            }
            case "tpm" -> {
                if (child(e, "backend").map(b -> b.getAttribute("type").equals("passthrough")).orElse(false)) {
                    found.add("<tpm> (passthrough of the host's TPM)");
                }
            }
            default -> {
            }
        }
        for (Element c : children(e, null)) {
            hostResources(c, found);
        }
    }

    private static String sourceOf(Element e) {
        return child(e, "source").map(s -> {
            for (String a : List.of("dir", "path", "dev", "evdev", "file")) {
                if (!s.getAttribute(a).isEmpty()) {
                    return ": " + s.getAttribute(a);
                }
            }
            return "";
        }).orElse("");
    }

    /** Volume disks need their pool looked up: pool and volume names of a {@code type='volume'} disk. */
    public static Optional<String[]> volume(DiskRef disk) {
        return child(disk.element(), "source").map(s -> new String[] {s.getAttribute("pool"), s.getAttribute("volume")});
    }

    /** Removes an element of the domain root (e.g. {@code uuid}: a bundle may be defined on many hosts). */
    public void remove(String elementName) {
        for (Element e : children(doc.getDocumentElement(), elementName)) {
            doc.getDocumentElement().removeChild(e);
        }
    }

    /** The document through {@link XmlWriter}: elements, attributes (in the parser's sorted order), text. */
    public String toXml() {
        XmlWriter w = new XmlWriter();
        write(w, doc.getDocumentElement());
        return w.finish();
    }

    private static void write(XmlWriter w, Element e) {
        w.start(e.getTagName());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            w.attr(a.getNodeName(), a.getNodeValue());
        }
        List<Element> elements = children(e, null);
        if (elements.isEmpty()) {
            String text = e.getTextContent();
            if (!text.isEmpty()) {
                w.text(text);
            }
        } else {
            for (Element c : elements) {
                write(w, c);
            }
        }
        w.end();
    }

    static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Child elements, all of them when {@code name} is null; text between elements is layout only. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element c && (name == null || c.getTagName().equals(name))) {
                out.add(c);
            }
        }
        return out;
    }
}
