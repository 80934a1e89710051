package org.miniascape.migrate;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.tag.IncludeTag;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.HelperStringTokenizer;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.miniascape.model.SourcePosition;
import org.miniascape.validate.Problems;

/**
 * Reads a miniascape 0.3 site directory as 0.3 did: each of its top-level {@code *.yml} files, in name order, is
 * rendered as a Jinja2 template with an empty context (includes inlined, so that an anchor defined in one included
 * part can be used in another), the result is parsed as one YAML document, and the documents are deep-merged in
 * that order (mappings key by key, any other value replaced whole). Every line of a rendered text keeps the file
 * and line it was written at, so every value is reported at its place in OLD.
 *
 * <p>An include names a file relative to the including file, else relative to the top-level file (Jinja2's search
 * path in 0.3); a name that resolves outside OLD (through {@code ..}, an absolute path or a symbolic link) is
 * refused. {@code ignore missing} skips a file that does not exist.
 */
final class OldSiteReader {
    /** Stands in the rendered text for an included file's rendering: index into {@link #included}. */
    private static final Pattern MARKER = Pattern.compile("\u0001(\\d+)\u0001");
    private static final Pattern TOP_FILE = Pattern.compile(".*\\.yml");

    private final Path root;
    private final Problems problems;
    private final Jinjava jinjava;
    private final Deque<Path> rendering = new ArrayDeque<>();
    private final List<List<Line>> included = new ArrayList<>();

    /** One line of rendered text and where its first non-blank character was written. */
    record Line(String text, SourcePosition at) {
    }

    private OldSiteReader(Path root, Problems problems) {
        this.root = root;
        this.problems = problems;
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder().build());
        this.jinjava.setResourceLocator(new ConfinedLocator());
        this.jinjava.registerTag(new InliningIncludeTag());
    }

    /**
     * The merged 0.3 configuration of the site directory {@code dir}; empty, with the reasons in {@code problems},
     * when it cannot be read. Data errors that 0.3 accepted silently (duplicate keys) go to {@code dataErrors}. Empty
     * when it cannot be read (no such directory, no *.yml in it, a template or YAML error, an include refused).
     */
    static Optional<ONode.OMap> read(Path dir, Problems problems, List<org.miniascape.validate.Problem> dataErrors) {
        if (!Files.isDirectory(dir)) {
            problems.add(new SourcePosition(dir.toString(), 1, 1), "not a directory: a miniascape 0.3 site is a "
                    + "directory of *.yml files");
            return Optional.empty();
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            problems.add(new SourcePosition(dir.toString(), 1, 1), "cannot read: " + e.getMessage());
            return Optional.empty();
        }
        OldSiteReader reader = new OldSiteReader(real, problems);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> TOP_FILE.matcher(p.getFileName().toString()).matches())
                    .sorted().toList();
        } catch (IOException e) {
            problems.add(new SourcePosition(dir.toString(), 1, 1), "cannot list: " + e.getMessage());
            return Optional.empty();
        }
        if (files.isEmpty()) {
            problems.add(new SourcePosition(dir.toString(), 1, 1), "no *.yml file in this directory");
            return Optional.empty();
        }
        int before = problems.size();
        ONode.OMap merged = null;
        for (Path f : files) {
            Optional<List<Line>> lines = reader.render(f);
            if (lines.isEmpty()) {
                continue;
            }
            Optional<ONode> doc = OldYaml.parse(f.toString(), lines.get(), problems, dataErrors);
            if (doc.isEmpty()) {
                continue;
            }
            if (!(doc.get() instanceof ONode.OMap map)) {
                problems.add(doc.get().at(), "a 0.3 configuration file holds a mapping, not " + doc.get().kind());
                continue;
            }
            merged = merged == null ? map : ONode.merge(merged, map);
        }
        if (problems.size() > before || merged == null) {
            return Optional.empty();
        }
        return Optional.of(merged);
    }

    /** Renders {@code file} with its includes inlined; empty (with problems) when that fails. */
    private Optional<List<Line>> render(Path file) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(new SourcePosition(file.toString(), 1, 1), "cannot read: " + e.getMessage());
            return Optional.empty();
        }
        int before = problems.size();
        rendering.push(file);
        RenderResult result;
        try {
            result = jinjava.renderForResult(source, Map.of());
        } finally {
            rendering.pop();
        }
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                problems.add(new SourcePosition(file.toString(), Math.max(e.getLineno(), 1), 1),
                        e.getMessage());
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(lines(file.toString(), source, result.getOutput()));
    }

    /**
     * The rendered text as lines, included renderings in place of their markers. The rendered lines of the file
     * itself are matched, in order, to the source lines they were written as (a line that a template expression
     * changed takes the position of the next source line).
     */
    private List<Line> lines(String file, String source, String output) {
        String[] src = source.split("\n", -1);
        List<Line> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        SourcePosition[] currentAt = new SourcePosition[1];
        int next = 0;
        for (String rendered : output.split("\n", -1)) {
            Matcher m = MARKER.matcher(rendered);
            boolean include = m.find();
            String plain = MARKER.matcher(rendered).replaceAll("");
            int line = -1;
            if (include || !plain.isBlank()) {
                for (int q = next; q < src.length; q++) {
                    if (include ? src[q].contains("include") : src[q].stripTrailing().equals(plain.stripTrailing())) {
                        line = q;
                        break;
                    }
                }
            }
            SourcePosition at = new SourcePosition(file, Math.min((line >= 0 ? line : next) + 1, src.length), 1);
            if (line >= 0) {
                next = line + 1;
            }
            int from = 0;
            m.reset();
            while (m.find()) {
                append(current, currentAt, rendered.substring(from, m.start()), at);
                List<Line> inc = included.get(Integer.parseInt(m.group(1)));
                for (int i = 0; i < inc.size(); i++) {
                    if (i > 0) {
                        out.add(new Line(current.toString(), currentAt[0] == null ? at : currentAt[0]));
                        current.setLength(0);
                        currentAt[0] = null;
                    }
                    append(current, currentAt, inc.get(i).text(), inc.get(i).at());
                }
                from = m.end();
            }
            append(current, currentAt, rendered.substring(from), at);
            out.add(new Line(current.toString(), currentAt[0] == null ? at : currentAt[0]));
            current.setLength(0);
            currentAt[0] = null;
        }
        return out;
    }

    private static void append(StringBuilder current, SourcePosition[] currentAt, String text, SourcePosition at) {
        if (currentAt[0] == null && !text.isBlank()) {
            currentAt[0] = at;
        }
        current.append(text);
    }

    /** {@code name} relative to {@code base}, or empty when that path leaves the site directory. */
    private Optional<Path> inside(Path base, String name) {
        Path p = base.resolve(name).normalize();
        try {
            Path real = Files.exists(p) ? p.toRealPath() : p.toAbsolutePath().normalize();
            return real.startsWith(root) ? Optional.of(p) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Inlines the included file's rendering (as a marker, replaced when the lines are put together). */
    private final class InliningIncludeTag extends IncludeTag {
        private static final long serialVersionUID = 1L;

        @Override
        public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
            HelperStringTokenizer helper = new HelperStringTokenizer(tagNode.getHelpers());
            List<String> words = new ArrayList<>();
            helper.forEachRemaining(words::add);
            Path including = rendering.peek();
            SourcePosition at = new SourcePosition(including.toString(), tagNode.getLineNumber(), 1);
            if (words.isEmpty()) {
                problems.add(at, "include names no file");
                return "";
            }
            String name = interpreter.resolveString(words.get(0), tagNode.getLineNumber(),
                    tagNode.getStartPosition());
            boolean ignoreMissing = words.size() >= 3 && words.get(1).equals("ignore")
                    && words.get(2).equals("missing");
            Path top = rendering.peekLast();
            Optional<Path> relative = inside(including.getParent(), name);
            Optional<Path> fromTop = inside(top.getParent(), name);
            if (relative.isEmpty() && fromTop.isEmpty()) {
                problems.add(at, "include \"" + name + "\" is outside the site directory " + root
                        + ": refused (only files inside it are read)");
                return "";
            }
            Optional<Path> found = relative.filter(Files::isRegularFile)
                    .or(() -> fromTop.filter(Files::isRegularFile));
            if (found.isEmpty()) {
                if (!ignoreMissing) {
                    problems.add(at, "include \"" + name + "\": no such file (relative to "
                            + including.getParent() + " or " + top.getParent() + ")");
                }
                return "";
            }
            if (rendering.contains(found.get())) {
                problems.add(at, "include \"" + name + "\" includes itself");
                return "";
            }
            Optional<List<Line>> lines = render(found.get());
            if (lines.isEmpty()) {
                return "";
            }
            included.add(lines.get());
            return "\u0001" + (included.size() - 1) + "\u0001";
        }
    }

    /** Templates are read only inside the site directory ({@code import} and {@code from} use this). */
    private final class ConfinedLocator implements ResourceLocator {
        @Override
        public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter)
                throws IOException {
            Path base = rendering.isEmpty() ? root : rendering.peek().getParent();
            Optional<Path> p = inside(base, fullName);
            if (p.isEmpty() || !Files.isRegularFile(p.get())) {
                throw new ResourceNotFoundException(fullName + ": not a file inside " + root);
            }
            return Files.readString(p.get(), encoding);
        }
    }
}
