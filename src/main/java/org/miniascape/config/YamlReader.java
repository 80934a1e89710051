package org.miniascape.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.miniascape.config.YNode.Entry;
import org.miniascape.config.YNode.YList;
import org.miniascape.config.YNode.YMap;
import org.miniascape.config.YNode.YScalar;
import org.miniascape.model.SourcePosition;
import org.miniascape.validate.Problems;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one YAML document into a {@link YNode} tree with positions. Syntax errors, duplicate keys and
 * non-string keys become problems at their position instead of exceptions, and so does input that would make
 * reading it expensive: a file over {@link #MAX_CODE_POINTS} characters, collections nested deeper than
 * {@link #MAX_DEPTH}, aliases that expand to more than {@link #MAX_EXPANDED_NODES} values, a recursive alias.
 * Characters that YAML does not allow (control characters) are reported at their line and column, tags other
 * than the core schema's ({@code !!str}, {@code !!int}, ...) at the tagged value.
 */
public final class YamlReader {
    /** The most characters a configuration file may hold (ConfigSources refuses larger files unread). */
    public static final int MAX_CODE_POINTS = 8 * 1024 * 1024;
    /** The deepest nesting of mappings and lists: a site needs about 10, plus 2 per level of guest groups. */
    public static final int MAX_DEPTH = 64;
    /** The most values (nodes) one document may stand for once its aliases are expanded. */
    public static final int MAX_EXPANDED_NODES = 250_000;
    private static final java.util.Set<Tag> CORE_TAGS = java.util.Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL,
            Tag.NULL, Tag.MAP, Tag.SEQ);

    private YamlReader() {
    }

    /**
     * Returns the document's root, or empty when it cannot be read as written (syntax errors, characters YAML
     * does not allow, a limit exceeded) or holds no document at all (an empty file, or only comments: reported at
     * FILE:1:1). Empty always comes with a problem. A tag or duplicate key is a problem too, but the rest of the
     * document is read and checked.
     */
    public static Optional<YNode> read(String fileName, String text, Problems problems) {
        SourcePosition start = new SourcePosition(fileName, 1, 1);
        if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            problems.add(start, "the file is larger than " + MAX_CODE_POINTS + " characters; "
                    + "split the configuration into several files");
            return Optional.empty();
        }
        int before = problems.size();
        String clean = withoutForbiddenCharacters(fileName, text, problems);
        boolean forbidden = problems.size() > before;
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setUseMarks(true)
                .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both positions
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(200)
                .setCodePointLimit(MAX_CODE_POINTS)
                .build();
        try (Reader reader = new StringReader(clean)) {
            Composer composer = new Composer(settings,
                    new DepthLimit(new ParserImpl(settings, new StreamReader(settings, reader))));
            Optional<Node> root = composer.getSingleNode();
            if (root.isEmpty()) {
                if (!forbidden) {
                    problems.add(start, "the file holds no configuration (it is empty or only comments)");
                }
                return Optional.empty();
            }
            Optional<YNode> tree = new Converter(fileName, problems).tree(root.get());
            // Characters replaced to read on are not what the file says: nothing of it is checked further.
            return forbidden ? Optional.empty() : tree;
        } catch (TooDeep e) {
            problems.add(e.at.map(m -> position(fileName, m)).orElse(start), "mappings and lists are nested more "
                    + "than " + MAX_DEPTH + " deep here");
            return Optional.empty();
        } catch (MarkedYamlEngineException e) {
            SourcePosition at = e.getProblemMark().map(m -> position(fileName, m))
                    .or(() -> e.getContextMark().map(m -> position(fileName, m)))
                    .orElse(start);
            problems.add(at, "YAML syntax: " + describe(e));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(start, "YAML: " + e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True for the characters YAML 1.2 allows in a stream (c-printable), as snakeyaml-engine checks them. */
    static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85
                || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    /**
     * Reports each character YAML does not allow at its line and column (lines end at LF, CR or CRLF, columns
     * count characters, as YAML positions do) and returns the text with each replaced by U+FFFD, so that the
     * rest of the file is still read and all its problems are reported together.
     */
    private static String withoutForbiddenCharacters(String fileName, String text, Problems problems) {
        StringBuilder out = null;
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (!allowed(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                problems.add(new SourcePosition(fileName, line, column), String.format("character U+%04X (%s) "
                        + "is not allowed in YAML; write it as an escape in a double-quoted string", cp,
                        Character.isSurrogate((char) cp) ? "an unpaired surrogate" : "a control character"));
                out.append('\ufffd');
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            if (cp == '\n' || (cp == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    /** Stops the parse at the first collection nested deeper than {@link #MAX_DEPTH}. */
    private static final class DepthLimit implements Parser {
        private final Parser parser;
        private int depth;

        DepthLimit(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            Event e = parser.next();
            switch (e.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (++depth > MAX_DEPTH) {
                        throw new TooDeep(e.getStartMark());
                    }
                }
                case SequenceEnd, MappingEnd -> depth--;
                default -> {
                }
            }
            return e;
        }
    }

    private static final class TooDeep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Optional<Mark> at;

        TooDeep(Optional<Mark> at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    private static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem();
        String context = e.getContext();
        if (problem == null || problem.isBlank()) {
            return context == null ? "invalid YAML" : context;
        }
        return context == null || context.isBlank() ? problem : context + ": " + problem;
    }

    static SourcePosition position(String fileName, Mark mark) {
        return new SourcePosition(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static SourcePosition at(Node node, String fileName) {
        return node.getStartMark().map(m -> position(fileName, m)).orElse(new SourcePosition(fileName, 1, 1));
    }

    /**
     * Composed nodes → YNodes. The composer gives an alias the very node its anchor names, so a node met again
     * is converted once and shared: memory stays linear in the file. What the tree stands for once expanded
     * (what the readers walk) is counted, and a document standing for more than {@link #MAX_EXPANDED_NODES}
     * values is refused at the anchor that makes it grow past the limit.
     */
    private static final class Converter {
        private final String fileName;
        private final Problems problems;
        private final java.util.IdentityHashMap<Node, YNode> done = new java.util.IdentityHashMap<>();
        private final java.util.IdentityHashMap<Node, Long> sizes = new java.util.IdentityHashMap<>();
        private final java.util.Set<Node> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        private boolean failed;

        Converter(String fileName, Problems problems) {
            this.fileName = fileName;
            this.problems = problems;
        }

        Optional<YNode> tree(Node root) {
            YNode tree = convert(root);
            return failed ? Optional.empty() : Optional.of(tree);
        }

        /** The node and its descendants, aliases expanded; {@link #MAX_EXPANDED_NODES} + 1 stands for more. */
        private long size(Node node) {
            return sizes.getOrDefault(node, 1L);
        }

        private YNode convert(Node node) {
            YNode seen = done.get(node);
            if (seen != null) {
                return seen;
            }
            SourcePosition at = at(node, fileName);
            if (!open.add(node)) {
                failed = true;
                problems.add(at, "this value holds an alias of itself (a recursive alias): it never ends");
                return new YScalar(null, at);
            }
            checkTag(node, at);
            YNode result;
            long size = 1;
            if (node instanceof MappingNode map) {
                LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
                for (NodeTuple t : map.getValue()) {
                    Node keyNode = t.getKeyNode();
                    SourcePosition keyAt = at(keyNode, fileName);
                    if (!(keyNode instanceof ScalarNode sk) || sk.getValue().isEmpty()) {
                        problems.add(keyAt, "keys must be plain names");
                        continue;
                    }
                    String key = sk.getValue();
                    Entry previous = entries.get(key);
                    if (previous != null) {
                        problems.add(keyAt, "duplicate key '" + key + "' (first at line " + previous.keyAt().line()
                                + ")");
                        continue;
                    }
                    entries.put(key, new Entry(key, keyAt, convert(t.getValueNode())));
                    size += 1 + size(t.getValueNode());
                }
                result = new YMap(entries, at);
            } else if (node instanceof SequenceNode seq) {
                List<YNode> items = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    items.add(convert(item));
                    size += size(item);
                }
                result = new YList(items, at);
            } else {
                ScalarNode scalar = (ScalarNode) node;
                result = new YScalar(scalarValue(scalar, at, problems), at);
            }
            if (size > MAX_EXPANDED_NODES && !failed) {
                failed = true;
                problems.add(at, "with its aliases expanded this value stands for more than " + MAX_EXPANDED_NODES
                        + " values; reuse fewer or smaller anchors");
            }
            sizes.put(node, Math.min(size, MAX_EXPANDED_NODES + 1L));
            open.remove(node);
            done.put(node, result);
            return result;
        }

        /** Only the core schema's tags: a value with another tag ({@code !!binary}, {@code !foo}) is refused. */
        private void checkTag(Node node, SourcePosition at) {
            Tag tag = node.getTag();
            if (!CORE_TAGS.contains(tag)) {
                String name = tag.getValue().startsWith(Tag.PREFIX)
                        ? "!!" + tag.getValue().substring(Tag.PREFIX.length()) : tag.getValue();
                String kind = switch (node.getNodeType()) {
                    case MAPPING -> "mapping";
                    case SEQUENCE -> "list";
                    default -> "string or number";
                };
                problems.add(at, "YAML tag " + name + " is not supported: write the value as a plain " + kind
                        + " without a tag");
            }
        }
    }

    /** YAML 1.2 core-schema typing of plain scalars; quoted scalars are strings. */
    private static Object scalarValue(ScalarNode scalar, SourcePosition at, Problems problems) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
        }
        if (Tag.INT.equals(tag)) {
            try {
                return Long.decode(text.replace("_", ""));
            } catch (NumberFormatException e) {
                problems.add(at, "number '" + text + "' is out of range");
                return text;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }
}
