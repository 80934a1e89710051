package org.miniascape.pack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.miniascape.MiniascapeException;
import org.miniascape.xml.XmlElement;
import org.miniascape.xml.XmlWriter;
import org.miniascape.xml.domain.DiskElement;

/**
 * A libvirt domain XML read back (from libvirt or a file) so that its disks can be found and rewritten. Written
 * out again through {@link XmlWriter}, element by element, attributes sorted by name, so the same input always
 * gives the same bytes whatever whitespace and attribute order it came with.
 */
public final class DomainDocument {
    /** The document as it is now: every edit replaces it with an edited copy. */
    private XmlElement root;

    private DomainDocument(XmlElement root) {
        this.root = root;
    }

    public static DomainDocument parse(String xml, String origin) {
        XmlElement root = XmlElement.parse(xml,
                why -> MiniascapeException.badInput(origin + ": not well-formed XML: " + why));
        if (!root.name().equals("domain")) {
            throw MiniascapeException.badInput(origin + ": not a libvirt domain XML (root element <" + root.name()
                    + ">)");
        }
        DomainDocument d = new DomainDocument(root);
        if (d.name().isEmpty()) {
            throw MiniascapeException.badInput(origin + ": the domain has no <name>");
        }
        return d;
    }

    public String name() {
        return root.childText("name");
    }

    /**
     * A disk of the domain: what we read from it, and edits of it. The edits change the document; this
     * disk's fields stay as they were read ({@link #disks} reads them again).
     */
    public static final class DiskRef {
        private final DomainDocument document;
        /** Which {@code <devices>} of the domain, and which {@code <disk>} in it (edits add or remove none). */
        private final int devices;
        private final int index;
        /** The disk as it was read. */
        private final DiskElement read;

        private DiskRef(DomainDocument document, int devices, int index, XmlElement disk) {
            this.document = document;
            this.devices = devices;
            this.index = index;
            this.read = DiskElement.read(disk);
        }

        /** {@code <disk type>}: file when not given. */
        public String type() {
            return read.type().filter(t -> !t.isEmpty()).orElse("file");
        }

        /** {@code <disk device>}: disk when not given. */
        public String device() {
            return read.device().filter(d -> !d.isEmpty()).orElse("disk");
        }

        /** The image format ({@code <driver type>}), if given. */
        public Optional<String> driverType() {
            return read.driver().flatMap(DiskElement.Driver::type).filter(t -> !t.isEmpty());
        }

        /** The file, block device, POOL/VOLUME or network disk name its type reads, if it has one. */
        public Optional<String> source() {
            String type = type();
            return read.source().map(s -> switch (type) {
                case "file" -> s.file().orElse("");
                case "block" -> s.dev().orElse("");
                case "volume" -> s.pool().orElse("") + "/" + s.volume().orElse("");
                default -> s.name().orElse("");
            }).filter(s -> !s.isEmpty());
        }

        /** The device name the guest sees, {@code ?} for a disk without {@code <target>}. */
        public String target() {
            return read.target().map(t -> t.dev().orElse("")).orElse("?");
        }

        /** The disk's element as the document has it now. */
        private XmlElement element() {
            return document.root.children("devices").get(devices).children("disk").get(index);
        }

        private void edit(UnaryOperator<XmlElement> edit) {
            document.root = document.root.withChild("devices", devices, d -> d.withChild("disk", index, edit));
        }

        /** Points the disk at a file; {@code type='volume'} disks become file disks. */
        public void setFile(String path) {
            edit(disk -> {
                XmlElement d = disk.withAttr("type", "file");
                XmlElement src = d.child("source").orElse(XmlElement.of("source"))
                        .withoutAttrs(List.of("pool", "volume", "dev", "protocol", "name", "mode"))
                        .withAttr("file", path);
                if (d.child("source").isPresent()) {
                    return d.withChild("source", 0, s -> src);
                }
                List<XmlElement> children = new ArrayList<>();
                children.add(src);
                children.addAll(d.children());
                return d.withChildren(children);
            });
        }

        public void setFormat(String format) {
            edit(disk -> disk.child("driver").isPresent()
                    ? disk.withChild("driver", 0, d -> d.withAttr("type", format)) : disk);
        }

        /**
         * Drops the backing chain libvirt wrote out: its paths are this host's; the images' headers carry the
         * chain (relative names with declared formats) and libvirt reads it from there.
         */
        public void dropBackingStore() {
            edit(disk -> withoutFirst(disk, "backingStore"));
        }

        /** Ejects a removable medium (the ISO is not part of the bundle). */
        public void eject() {
            edit(disk -> withoutFirst(withoutFirst(disk, "source"), "backingStore"));
        }

        private static XmlElement withoutFirst(XmlElement e, String name) {
            List<XmlElement> children = new ArrayList<>(e.children());
            e.child(name).ifPresent(c -> children.remove(children.indexOf(c)));
            return e.withChildren(children);
        }
    }

    public List<DiskRef> disks() {
        List<DiskRef> disks = new ArrayList<>();
        List<XmlElement> devices = root.children("devices");
        for (int i = 0; i < devices.size(); i++) {
            List<XmlElement> found = devices.get(i).children("disk");
            for (int j = 0; j < found.size(); j++) {
                disks.add(new DiskRef(this, i, j, found.get(j)));
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
        hostResources(root, null, found);
        return found;
    }

    private static void hostResources(XmlElement e, XmlElement parent, List<String> found) {
        String tag = e.name();
        String type = e.attr("type");
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
                if (parent != null && parent.name().equals("os") && !e.text().isBlank()) {
                    found.add("<os><" + tag + "> " + e.text().strip() + " (a host file)");
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
                if (parent != null && parent.name().equals("devices") && e.child("source").isPresent()) {
                    found.add("<memory model='" + e.attr("model") + "'> (backed by a host file"
                            + e.child("source").get().child("path").map(x -> ": " + x.text().strip()).orElse("")
                            + ")");
                }
            }
            case "audio" -> {
                if (type.equals("file")) {
                    found.add("<audio type='file'> (writes a host file: " + e.attr("path") + ")");
                }
            }
            case "tpm" -> {
                if (e.child("backend").map(b -> b.attr("type").equals("passthrough")).orElse(false)) {
                    found.add("<tpm> (passthrough of the host's TPM)");
                }
            }
            default -> {
            }
        }
        for (XmlElement c : e.children()) {
            hostResources(c, e, found);
        }
    }

    private static String sourceOf(XmlElement e) {
        return e.child("source").map(s -> {
            for (String a : List.of("dir", "path", "dev", "evdev", "file")) {
                if (!s.attr(a).isEmpty()) {
                    return ": " + s.attr(a);
                }
            }
            return "";
        }).orElse("");
    }

    /** Volume disks need their pool looked up: pool and volume names of a {@code type='volume'} disk. */
    public static Optional<String[]> volume(DiskRef disk) {
        return DiskElement.read(disk.element()).source()
                .map(s -> new String[] {s.pool().orElse(""), s.volume().orElse("")});
    }

    /** Removes an element of the domain root (e.g. {@code uuid}: a bundle may be defined on many hosts). */
    public void remove(String elementName) {
        root = root.withoutChildren(elementName);
    }

    /** The document through {@link XmlWriter}: elements, attributes (sorted by name), text. */
    public String toXml() {
        return sorted(root).toXml();
    }

    private static XmlElement sorted(XmlElement e) {
        return e.withAttributes(e.attributes().stream().sorted(Comparator.comparing(XmlElement.Attribute::name))
                .toList()).withChildren(e.children().stream().map(DomainDocument::sorted).toList());
    }
}
