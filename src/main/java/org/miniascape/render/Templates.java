package org.miniascape.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.miniascape.MiniascapeException;

/**
 * Jinja2-syntax templates. A template is named by its relative path (e.g. {@code network/dnsmasq.conf.j2});
 * it is looked up in the user's template directories first (-t, first wins), then inside the jar under
 * {@code /org/miniascape/templates/}. Undefined variables are errors; an error names the template and line.
 * Each template is read and parsed once per instance ({@link ParsedTemplateCache}) and every render reuses the
 * tree and one prepared base context, so keep one instance for a whole build. Renders are serialized: the
 * shared trees and base context are not safe for Jinjava to use from several threads at once (renders from
 * four threads failed now and then under load with "Error rendering tag"); a build that renders on several
 * threads gives each its own {@link #sibling()}.
 */
public final class Templates {
    static final String EMBEDDED_ROOT = "/org/miniascape/templates/";

    private final List<Path> overrideDirs;
    private final Jinjava jinjava;
    private final JinjavaConfig config;
    /** Shared with the siblings: every thread of a build renders the same template texts. */
    private final Map<String, Source> sources;
    private final ParsedTemplateCache parsed = new ParsedTemplateCache();

    /** Where a template's text came from, for error messages. */
    record Source(String location, String text) {
    }

    /**
     * The filters, functions and tags, copied once from Jinjava's global context. Jinjava's own render entry
     * copies all of them into a fresh context on every call (about 80 microseconds, most of a small render);
     * each render here only opens a child context for its variables on top of this one, which it never writes.
     */
    private final Context baseContext;

    public Templates(List<Path> overrideDirs) {
        this(overrideDirs, new ConcurrentHashMap<>());
    }

    private Templates(List<Path> overrideDirs, Map<String, Source> sources) {
        this.overrideDirs = List.copyOf(overrideDirs);
        this.sources = sources;
        this.config = JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                // Values are data: a configured "{{ ... }}" must be written as it is, never rendered again.
                .withNestedInterpretationEnabled(false)
                .withInterperterFactory(parsed)
                .build();
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator(new Locator());
        this.jinjava.registerTag(new LocatingIncludeTag(name -> name == null || name.startsWith("/")
                || name.contains("..") ? null : find(name).map(Source::location).orElse(null)));
        this.baseContext = jinjava.newInterpreter().getContext();
    }

    /**
     * An instance over the same template directories, for another rendering thread (an instance renders one
     * template at a time). It shares the texts read so far and those read later, so that every thread of a
     * build renders the same text even if a template file changes meanwhile; it parses them on its own.
     */
    public Templates sibling() {
        return new Templates(overrideDirs, sources);
    }

    /** Only the embedded templates. */
    public static Templates embedded() {
        return new Templates(List.of());
    }

    /** True while no render has written into the shared base context (for tests). */
    boolean baseContextUntouched() {
        return baseContext.getResolvedExpressions().isEmpty() && baseContext.getResolvedValues().isEmpty()
                && baseContext.getResolvedFunctions().isEmpty() && baseContext.getDependencies().isEmpty()
                && baseContext.isEmpty();
    }

    /** How many parsed template trees are cached (for tests). */
    int parsedTemplates() {
        return parsed.size();
    }

    public boolean exists(String name) {
        return find(name).isPresent();
    }

    /**
     * Reads and parses these templates now (those that exist), so that their first render only renders: a
     * build does this on the engine's start thread while the site loads. Errors are left for the render to
     * report with its context.
     */
    public synchronized void prepare(Collection<String> names) {
        for (String name : names) {
            Optional<Source> source;
            try {
                source = find(name);
            } catch (MiniascapeException e) {
                continue;
            }
            if (source.isEmpty()) {
                continue;
            }
            JinjavaInterpreter interpreter = parsed.newInstance(jinjava, new RenderContext(baseContext, Map.of()),
                    config);
            JinjavaInterpreter.pushCurrent(interpreter);
            try {
                interpreter.parse(source.get().text());
            } catch (RuntimeException e) {
                // reported by the render, which names the template, the line and the file being written
            } finally {
                JinjavaInterpreter.popCurrent();
            }
        }
    }

    /** Renders a template with the given variables; any template error is a bad-input failure (exit 2). */
    public synchronized String render(String name, Map<String, ?> variables) {
        Source source = find(name).orElseThrow(() -> MiniascapeException.badInput("template '" + name
                + "' not found in " + searchPath()));
        JinjavaInterpreter interpreter = parsed.newInstance(jinjava, new RenderContext(baseContext, variables), config);
        List<TemplateError> errors = new ArrayList<>();
        String output;
        // Filters and tags find the interpreter through this thread-local, as with Jinjava's own entry.
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            output = interpreter.render(interpreter.parse(source.text()));
        } catch (TemplateSyntaxException e) {
            output = "";
            errors.add(TemplateError.fromException(e));
        } catch (InterpretException e) {
            output = "";
            errors.add(TemplateError.fromSyntaxError(e));
        } catch (RuntimeException e) {
            output = "";
            errors.add(TemplateError.fromException(e));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        errors.addAll(0, interpreter.getErrorsCopy());
        List<String> fatal = errors.stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .map(e -> report(source, e))
                .toList();
        if (!fatal.isEmpty()) {
            throw MiniascapeException.badInput(String.join("\n", fatal));
        }
        return output;
    }

    private static String report(Source source, TemplateError error) {
        String at = source.location() + ":" + Math.max(error.getLineno(), 1);
        if (error.getException() instanceof LocatingIncludeTag.IncludedTemplateException included) {
            return included.report() + "\n  included from " + at;
        }
        // Jinjava prefixes some messages with the exception's class name, which tells a user nothing.
        return at + ": error: " + error.getMessage().replaceFirst("^[A-Za-z]+Exception: ", "");
    }

    private String searchPath() {
        StringBuilder sb = new StringBuilder();
        for (Path dir : overrideDirs) {
            sb.append(dir).append(", ");
        }
        return sb.append("the embedded templates").toString();
    }

    Optional<Source> find(String name) {
        Source cached = sources.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Source> found = load(name);
        // The first text read wins: a sibling that read the same file meanwhile renders that one too.
        return found.map(s -> sources.computeIfAbsent(name, n -> s));
    }

    private Optional<Source> load(String name) {
        if (name.startsWith("/") || name.contains("..")) {
            throw MiniascapeException.badInput("template name '" + name + "' must be a relative path inside "
                    + "the template directories");
        }
        try {
            for (Path dir : overrideDirs) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    return Optional.of(new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                }
            }
            try (InputStream in = Templates.class.getResourceAsStream(EMBEDDED_ROOT + name)) {
                if (in == null) {
                    return Optional.empty();
                }
                return Optional.of(new Source("<embedded>/templates/" + name,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read template " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The relative paths of every embedded template, sorted: read from where this class was loaded from, the jar
     * (its entries) or, in a checkout and in the tests, the classes directory (its files).
     */
    public static List<String> embeddedNames() {
        String root = EMBEDDED_ROOT.substring(1);
        List<String> names = new ArrayList<>();
        try {
            Path from = Path.of(Templates.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(from)) {
                Path dir = from.resolve(root);
                try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                    files.filter(Files::isRegularFile).forEach(f -> names.add(dir.relativize(f).toString()
                            .replace(java.io.File.separatorChar, '/')));
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(from.toFile())) {
                    jar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(root))
                            .forEach(e -> names.add(e.getName().substring(root.length())));
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            throw MiniascapeException.failed("cannot list the embedded templates: " + e.getMessage(), e);
        }
        names.sort(null);
        return List.copyOf(names);
    }

    /** An embedded template's text, as the jar holds it; empty when there is none of that relative path. */
    public static Optional<String> embeddedText(String name) {
        // Only a listed name: a class loader also opens a directory of a classes tree, as a listing.
        if (!embeddedNames().contains(name)) {
            return Optional.empty();
        }
        try (InputStream in = Templates.class.getResourceAsStream(EMBEDDED_ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read template " + name + ": " + e.getMessage(), e);
        }
    }

    /** Resolves {% include %} and {% extends %} along the same search path. */
    private final class Locator implements ResourceLocator {
        @Override
        public String getString(String fullName, Charset encoding, JinjavaInterpreter interpreter)
                throws IOException {
            return find(fullName).map(Source::text)
                    .orElseThrow(() -> new ResourceNotFoundException("template '" + fullName + "' not found"));
        }
    }
}
