package org.miniascape.xml;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.miniascape.MiniascapeException;

/**
 * One element of a libvirt XML document read back (a network, domain or pool from libvirt, a domain XML file):
 * its name, attributes, child elements and text, immutable. {@link #parse} reads a whole document with the
 * JDK's StAX reader and refuses any DTD, so no entity but XML's five and character references is ever
 * expanded and nothing outside the string is read. {@link #write} puts a tree, edited through the
 * {@code with…} methods, out again through {@link XmlWriter}.
 *
 * <ul>
 *   <li>Names are qualified names as written ({@code qemu:commandline}); {@link #namespace} is the URI the
 *       prefix (or the default namespace) is bound to where the element is, empty when none is. An unbound
 *       prefix is not refused: the name is kept as written, in no namespace.</li>
 *   <li>Attributes are in document order, namespace declarations ({@code xmlns:qemu='…'}) among them as
 *       attributes in the {@link XMLConstants#XMLNS_ATTRIBUTE_NS_URI} namespace.</li>
 *   <li>Text is what an element without child elements holds, entities and CDATA resolved, comments left
 *       out, whitespace kept. Text beside child elements is layout (libvirt's documents have no mixed
 *       content) and is not kept.</li>
 * </ul>
 *
 * <pre>
 *   XmlElement net = XmlElement.parse(xml);
 *   String bridge = net.child("bridge").map(b -> b.attr("name")).orElse("");
 *   for (XmlElement ip : net.children("ip")) {
 *       ip.child("dhcp").ifPresent(dhcp -> dhcp.children("host").forEach(h -> use(h.attr("mac"))));
 *   }
 * </pre>
 */
public record XmlElement(String name, String namespace, List<Attribute> attributes, List<XmlElement> children,
                         String text) {

    /**
     * Deeper than libvirt's own parser (libxml2) reads by default: no libvirt document comes near it, and the
     * tree is walked recursively.
     */
    static final int MAX_DEPTH = 256;

    /** An attribute: qualified name as written, the URI its prefix is bound to (empty when none), value. */
    public record Attribute(String name, String namespace, String value) {
        public Attribute {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(value, "value");
        }

        /** The name without its prefix. */
        public String localName() {
            return XmlElement.localName(name);
        }
    }

    public XmlElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(text, "text");
        attributes = List.copyOf(attributes);
        children = List.copyOf(children);
        if (!children.isEmpty() && !text.isEmpty()) {
            throw new IllegalArgumentException("<" + name + "> has both child elements and text");
        }
    }

    /** An element with nothing in it and no namespace, for adding to a tree. */
    public static XmlElement of(String name) {
        return new XmlElement(name, "", List.of(), List.of(), "");
    }

    /**
     * Reads a document. Malformed XML, a DTD (and with it every entity declaration) and elements nested deeper
     * than {@value #MAX_DEPTH} are refused with {@code "cannot read libvirt XML: …"}.
     */
    public static XmlElement parse(String xml) {
        try {
            return read(xml);
        } catch (XMLStreamException e) {
            throw MiniascapeException.failed("cannot read libvirt XML: " + describe(e), e);
        }
    }

    /**
     * Reads a document as {@link #parse(String)} does, refusing it with what {@code refusal} makes of the
     * reason (one line: where in the document, and what is wrong).
     */
    public static XmlElement parse(String xml, Function<String, ? extends RuntimeException> refusal) {
        try {
            return read(xml);
        } catch (XMLStreamException e) {
            throw refusal.apply(describe(e));
        }
    }

    private static XmlElement read(String xml) throws XMLStreamException {
        XMLStreamReader r = Factory.INPUT.createXMLStreamReader(new StringReader(xml));
        try {
            return read(r);
        } finally {
            try {
                r.close();
            } catch (XMLStreamException e) {
                // nothing was held open beyond the string
            }
        }
    }

    /** An element being read: what is known at its start tag, and its children and text so far. */
    private static final class Open {
        final String name;
        final String namespace;
        final List<Attribute> attributes;
        final Map<String, String> scope;
        final List<XmlElement> children = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        Open(String name, String namespace, List<Attribute> attributes, Map<String, String> scope) {
            this.name = name;
            this.namespace = namespace;
            this.attributes = attributes;
            this.scope = scope;
        }

        XmlElement close() {
            return new XmlElement(name, namespace, attributes, children, children.isEmpty() ? text.toString() : "");
        }
    }

    private static XmlElement read(XMLStreamReader r) throws XMLStreamException {
        Deque<Open> open = new ArrayDeque<>();
        XmlElement root = null;
        Map<String, String> noBindings = Map.of(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI);
        while (r.hasNext()) {
            switch (r.next()) {
                case XMLStreamConstants.DTD -> throw new XMLStreamException("a DOCTYPE is not allowed",
                        r.getLocation());
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH, r.getLocation());
                    }
                    open.push(start(r, open.isEmpty() ? noBindings : open.peek().scope));
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlElement done = open.pop().close();
                    if (open.isEmpty()) {
                        root = done;
                    } else {
                        open.peek().children.add(done);
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().text.append(r.getText());
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException(
                        "entity reference &" + r.getLocalName() + "; is not allowed", r.getLocation());
                default -> {
                    // comments, processing instructions, the XML declaration, the document's end
                }
            }
        }
        if (root == null) {
            throw new XMLStreamException("no root element");
        }
        return root;
    }

    /**
     * The reader does not resolve namespaces (so that an unbound prefix reads as a plain name, and declarations
     * stay among the attributes in document order): they are resolved here.
     */
    private static Open start(XMLStreamReader r, Map<String, String> parentScope) {
        int count = r.getAttributeCount();
        String[] names = new String[count];
        Map<String, String> scope = parentScope;
        for (int i = 0; i < count; i++) {
            String prefix = r.getAttributePrefix(i);
            names[i] = prefix == null || prefix.isEmpty() ? r.getAttributeLocalName(i)
                    : prefix + ":" + r.getAttributeLocalName(i);
            String declared = names[i].equals(XMLConstants.XMLNS_ATTRIBUTE) ? ""
                    : names[i].startsWith(XMLConstants.XMLNS_ATTRIBUTE + ":") ? localName(names[i]) : null;
            if (declared != null) {
                if (scope == parentScope) {
                    scope = new HashMap<>(parentScope);
                }
                scope.put(declared, r.getAttributeValue(i));
            }
        }
        List<Attribute> attributes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String prefix = prefix(names[i]);
            String ns;
            if (names[i].equals(XMLConstants.XMLNS_ATTRIBUTE) || prefix.equals(XMLConstants.XMLNS_ATTRIBUTE)) {
                ns = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
            } else if (prefix.isEmpty()) {
                ns = ""; // an unprefixed attribute is in no namespace, whatever the default namespace is
            } else {
                ns = scope.getOrDefault(prefix, "");
            }
            attributes.add(new Attribute(names[i], ns, r.getAttributeValue(i)));
        }
        String elementPrefix = r.getPrefix();
        String name = elementPrefix == null || elementPrefix.isEmpty() ? r.getLocalName()
                : elementPrefix + ":" + r.getLocalName();
        return new Open(name, scope.getOrDefault(prefix(name), ""), attributes, scope);
    }

    /** A parse error as one line: where, and what. */
    private static String describe(XMLStreamException e) {
        String message = Objects.requireNonNullElse(e.getMessage(), e.toString());
        int at = message.indexOf("Message: ");
        if (at >= 0) {
            message = message.substring(at + "Message: ".length()); // after the reader's own "ParseError at …"
        }
        Location where = e.getLocation();
        message = message.strip();
        return where == null || where.getLineNumber() < 0 ? message
                : "line " + where.getLineNumber() + ", column " + where.getColumnNumber() + ": " + message;
    }

    private static String prefix(String qualifiedName) {
        int colon = qualifiedName.indexOf(':');
        return colon < 0 ? "" : qualifiedName.substring(0, colon);
    }

    private static String localName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.indexOf(':') + 1);
    }

    /** The name without its prefix. */
    public String localName() {
        return localName(name);
    }

    /** The first child element with this (qualified) name. */
    public Optional<XmlElement> child(String name) {
        for (XmlElement c : children) {
            if (c.name.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The child elements with this (qualified) name, in document order. */
    public List<XmlElement> children(String name) {
        List<XmlElement> found = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(name)) {
                found.add(c);
            }
        }
        return found;
    }

    /** The text of the first child element with this name, stripped; empty when there is no such child. */
    public String childText(String name) {
        return child(name).map(c -> c.text.strip()).orElse("");
    }

    /** The attribute with this (qualified) name, if there is one. */
    public Optional<String> attribute(String name) {
        for (Attribute a : attributes) {
            if (a.name.equals(name)) {
                return Optional.of(a.value);
            }
        }
        return Optional.empty();
    }

    /** The value of the attribute with this (qualified) name; empty when there is none. */
    public String attr(String name) {
        return attribute(name).orElse("");
    }

    public boolean hasAttr(String name) {
        return attribute(name).isPresent();
    }

    /** The attribute with this local name in this namespace, whatever its prefix. */
    public Optional<String> attribute(String namespace, String localName) {
        for (Attribute a : attributes) {
            if (a.namespace.equals(namespace) && a.localName().equals(localName)) {
                return Optional.of(a.value);
            }
        }
        return Optional.empty();
    }

    /** This element with the attribute set: in its place when it is there already, else after the others. */
    public XmlElement withAttr(String name, String value) {
        List<Attribute> out = new ArrayList<>(attributes.size() + 1);
        boolean replaced = false;
        for (Attribute a : attributes) {
            if (a.name.equals(name)) {
                out.add(new Attribute(name, a.namespace, value));
                replaced = true;
            } else {
                out.add(a);
            }
        }
        if (!replaced) {
            out.add(new Attribute(name, "", value));
        }
        return new XmlElement(this.name, namespace, out, children, text);
    }

    /** This element without the attributes of these names. */
    public XmlElement withoutAttrs(Collection<String> names) {
        Set<String> drop = Set.copyOf(names);
        return new XmlElement(name, namespace, attributes.stream().filter(a -> !drop.contains(a.name)).toList(),
                children, text);
    }

    /** This element with its attributes replaced, e.g. reordered. */
    public XmlElement withAttributes(List<Attribute> attributes) {
        return new XmlElement(name, namespace, attributes, children, text);
    }

    /** This element with these child elements (and so without text). */
    public XmlElement withChildren(List<XmlElement> children) {
        return new XmlElement(name, namespace, attributes, children, children.isEmpty() ? text : "");
    }

    /** This element holding just this text. */
    public XmlElement withText(String text) {
        return new XmlElement(name, namespace, attributes, List.of(), text);
    }

    /** This element without the child elements of this name. */
    public XmlElement withoutChildren(String name) {
        return withChildren(children.stream().filter(c -> !c.name.equals(name)).toList());
    }

    /**
     * This element with its {@code index}-th child named {@code name} (counting from 0) replaced by what
     * {@code edit} makes of it.
     *
     * @throws IndexOutOfBoundsException when there are not that many such children
     */
    public XmlElement withChild(String name, int index, UnaryOperator<XmlElement> edit) {
        List<XmlElement> out = new ArrayList<>(children);
        int seen = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).name.equals(name) && seen++ == index) {
                out.set(i, Objects.requireNonNull(edit.apply(out.get(i)), "edited element"));
                return withChildren(out);
            }
        }
        throw new IndexOutOfBoundsException("<" + this.name + "> has no <" + name + "> number " + index);
    }

    /** Writes the element and everything in it: attributes in their order, then its text or its children. */
    public void write(XmlWriter w) {
        w.start(name);
        for (Attribute a : attributes) {
            w.attr(a.name, a.value);
        }
        if (!text.isEmpty()) {
            w.text(text);
        }
        for (XmlElement c : children) {
            c.write(w);
        }
        w.end();
    }

    /** The element as a document of its own, indented as {@link XmlWriter} does, ending with a newline. */
    public String toXml() {
        XmlWriter w = new XmlWriter();
        write(w);
        return w.finish();
    }

    /**
     * The JDK's own StAX reader (no provider lookup), DTDs and external entities off. Namespaces are resolved
     * by {@link #start}. Made on first use only: commands that read no libvirt XML never load it.
     */
    private static final class Factory {
        static final XMLInputFactory INPUT = make();

        private static XMLInputFactory make() {
            XMLInputFactory f = XMLInputFactory.newDefaultFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
            f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
            return f;
        }
    }
}
