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
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads one YAML document into a {@link YNode} tree with positions. Syntax errors, duplicate keys and
 * non-string keys become problems at their position instead of exceptions.
 */
public final class YamlReader {

    private YamlReader() {
    }

    /** Returns the document's root, or empty for an empty file or when the file has syntax errors. */
    public static Optional<YNode> read(String fileName, String text, Problems problems) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setUseMarks(true)
                .setAllowDuplicateKeys(true) // we report duplicates ourselves, with both positions
                .setMaxAliasesForCollections(200)
                .build();
        try (Reader reader = new StringReader(text)) {
            Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, reader)));
            Optional<Node> root = composer.getSingleNode();
            return root.map(n -> convert(n, fileName, problems));
        } catch (MarkedYamlEngineException e) {
            SourcePosition at = e.getProblemMark().map(m -> position(fileName, m))
                    .or(() -> e.getContextMark().map(m -> position(fileName, m)))
                    .orElse(new SourcePosition(fileName, 1, 1));
            problems.add(at, "YAML syntax: " + describe(e));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(new SourcePosition(fileName, 1, 1), "YAML: " + e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
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

    private static YNode convert(Node node, String fileName, Problems problems) {
        SourcePosition at = at(node, fileName);
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
                    problems.add(keyAt, "duplicate key '" + key + "' (first at line " + previous.keyAt().line() + ")");
                    continue;
                }
                entries.put(key, new Entry(key, keyAt, convert(t.getValueNode(), fileName, problems)));
            }
            return new YMap(entries, at);
        }
        if (node instanceof SequenceNode seq) {
            List<YNode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(item, fileName, problems));
            }
            return new YList(items, at);
        }
        ScalarNode scalar = (ScalarNode) node;
        return new YScalar(scalarValue(scalar, at, problems), at);
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
