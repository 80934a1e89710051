package org.miniascape.migrate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miniascape.model.SourcePosition;
import org.miniascape.validate.Problems;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Parses a rendered 0.3 file as PyYAML read it for 0.3: a duplicate key's last value wins. Each duplicate is a data
 * error of OLD (reported at the key that won, naming the line of the one dropped), not a reason to stop. Positions are mapped back
 * from the rendered text to the lines of OLD they were written at.
 */
final class OldYaml {
    private static final int MAX_NODES = 250_000;
    /** PyYAML's booleans that YAML 1.2's core schema reads as strings (true/false are booleans in both). */
    static final java.util.regex.Pattern YAML11_BOOLEAN = java.util.regex.Pattern.compile(
            "yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF");

    private final List<OldSiteReader.Line> lines;
    private final Problems problems;
    private final Map<Node, ONode> converted = new IdentityHashMap<>();
    private int nodes;

    private final List<org.miniascape.validate.Problem> dataErrors;

    private OldYaml(List<OldSiteReader.Line> lines, Problems problems, List<org.miniascape.validate.Problem> dataErrors) {
        this.lines = lines;
        this.problems = problems;
        this.dataErrors = dataErrors;
    }

    static Optional<ONode> parse(String name, List<OldSiteReader.Line> lines, Problems problems,
            List<org.miniascape.validate.Problem> dataErrors) {
        StringBuilder text = new StringBuilder();
        for (OldSiteReader.Line l : lines) {
            text.append(l.text()).append('\n');
        }
        LoadSettings settings = LoadSettings.builder().setLabel(name).setUseMarks(true)
                .setAllowDuplicateKeys(true).setAllowRecursiveKeys(false).setMaxAliasesForCollections(1000).build();
        OldYaml reader = new OldYaml(lines, problems, dataErrors);
        try {
            Optional<Node> root = new Compose(settings).composeString(text.toString());
            if (root.isEmpty()) {
                problems.add(new SourcePosition(name, 1, 1), "holds no configuration");
                return Optional.empty();
            }
            return Optional.of(reader.convert(root.get()));
        } catch (MarkedYamlEngineException e) {
            SourcePosition at = e.getProblemMark().map(reader::at).orElse(new SourcePosition(name, 1, 1));
            problems.add(at, "YAML (after rendering the includes): " + e.getProblem());
            return Optional.empty();
        } catch (TooLarge e) {
            problems.add(new SourcePosition(name, 1, 1), "its aliases expand to more than " + MAX_NODES + " values");
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(new SourcePosition(name, 1, 1), "YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    private SourcePosition at(Mark mark) {
        int i = Math.min(mark.getLine(), lines.size() - 1);
        SourcePosition p = lines.get(Math.max(i, 0)).at();
        return new SourcePosition(p.file(), p.line(), mark.getColumn() + 1);
    }

    private SourcePosition at(Node node) {
        return node.getStartMark().map(this::at).orElse(new SourcePosition("?", 1, 1));
    }

    private ONode convert(Node node) {
        if (++nodes > MAX_NODES) {
            throw new TooLarge();
        }
        ONode done = converted.get(node);
        if (done != null) {
            return done; // an alias: the anchored value, where the anchor was written
        }
        SourcePosition at = at(node);
        ONode result;
        if (node instanceof MappingNode map) {
            LinkedHashMap<String, ONode.OEntry> entries = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                SourcePosition keyAt = at(t.getKeyNode());
                String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                if (key == null || key.isEmpty()) {
                    problems.add(keyAt, "keys must be plain names");
                    continue;
                }
                ONode.OEntry previous = entries.remove(key);
                if (previous != null) {
                    dataErrors.add(new org.miniascape.validate.Problem(keyAt, "duplicate key '" + key
                            + "': 0.3 used this value and silently dropped the one at line "
                            + previous.keyAt().line()));
                }
                entries.put(key, new ONode.OEntry(key, keyAt, convert(t.getValueNode())));
            }
            result = new ONode.OMap(entries, at);
        } else if (node instanceof SequenceNode seq) {
            List<ONode> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(item));
            }
            result = new ONode.OList(items, at);
        } else {
            ScalarNode sn = (ScalarNode) node;
            if (sn.isPlain() && sn.getTag().equals(Tag.STR) && YAML11_BOOLEAN.matcher(sn.getValue()).matches()) {
                // PyYAML, which 0.3 read its files with, resolves these plain words to booleans (YAML 1.1).
                String w = sn.getValue().toLowerCase(java.util.Locale.ROOT);
                result = new ONode.OScalar(w.equals("yes") || w.equals("on"), at, sn.getValue());
            } else {
                result = new ONode.OScalar(scalar(sn), at);
            }
        }
        converted.put(node, result);
        return result;
    }

    private static Object scalar(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.valueOf(v.toLowerCase(java.util.Locale.ROOT));
            }
            if (tag.equals(Tag.INT)) {
                return Long.decode(v);
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.valueOf(v);
            }
        } catch (NumberFormatException e) {
            return v;
        }
        return v;
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
