package org.miniascape.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.miniascape.MiniascapeException;

/**
 * Jinja2-syntax templates. A template is named by its relative path (e.g. {@code network/dnsmasq.conf.j2});
 * it is looked up in the user's template directories first (-t, first wins), then inside the jar under
 * {@code /org/miniascape/templates/}. Undefined variables are errors; an error names the template and line.
 */
public final class Templates {
    static final String EMBEDDED_ROOT = "/org/miniascape/templates/";

    private final List<Path> overrideDirs;
    private final Jinjava jinjava;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    /** Where a template's text came from, for error messages. */
    record Source(String location, String text) {
    }

    public Templates(List<Path> overrideDirs) {
        this.overrideDirs = List.copyOf(overrideDirs);
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withFailOnUnknownTokens(true)
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .build());
        this.jinjava.setResourceLocator(new Locator());
    }

    /** Only the embedded templates. */
    public static Templates embedded() {
        return new Templates(List.of());
    }

    public boolean exists(String name) {
        return find(name).isPresent();
    }

    /** Renders a template with the given variables; any template error is a bad-input failure (exit 2). */
    public String render(String name, Map<String, ?> variables) {
        Source source = find(name).orElseThrow(() -> MiniascapeException.badInput("template '" + name
                + "' not found in " + searchPath()));
        RenderResult result = jinjava.renderForResult(source.text(), variables);
        List<TemplateError> errors = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .collect(Collectors.toList());
        if (!errors.isEmpty()) {
            throw MiniascapeException.badInput(errors.stream()
                    .map(e -> source.location() + ":" + Math.max(e.getLineno(), 1) + ": error: " + e.getMessage())
                    .collect(Collectors.joining("\n")));
        }
        return result.getOutput();
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
        found.ifPresent(s -> sources.put(name, s));
        return found;
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
