package org.miniascape.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.miniascape.MiniascapeException;

/**
 * Turns {@code -C} arguments into the list of YAML files to read, in merge order: a file as it is; a directory's
 * {@code *.yml}/{@code *.yaml} in name order; a glob (e.g. {@code conf/*.yml}) its matches in name order.
 * No arguments: the embedded default site.
 */
public final class ConfigSources {
    static final String EMBEDDED_SITE = "/org/miniascape/site/default.yml";
    public static final String EMBEDDED_NAME = "<embedded>/default-site.yml";

    /** A configuration text and the name it is reported under. */
    public record Source(String name, String text) {
    }

    private ConfigSources() {
    }

    public static List<Source> resolve(List<String> arguments) {
        if (arguments.isEmpty()) {
            return List.of(embedded());
        }
        List<Source> sources = new ArrayList<>();
        for (String arg : arguments) {
            List<Path> files = expand(arg);
            if (files.isEmpty()) {
                throw MiniascapeException.badInput("-C " + arg + ": no such file, directory, or matching *.yml file");
            }
            for (Path f : files) {
                try {
                    sources.add(new Source(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw MiniascapeException.badInput("-C " + arg + ": cannot read " + f + ": " + e.getMessage());
                }
            }
        }
        return sources;
    }

    public static Source embedded() {
        try (InputStream in = ConfigSources.class.getResourceAsStream(EMBEDDED_SITE)) {
            if (in == null) {
                throw new IllegalStateException("the embedded default site is missing from the jar");
            }
            return new Source(EMBEDDED_NAME, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> expand(String arg) {
        Path path = Paths.get(arg);
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (Files.isDirectory(path)) {
            return yamlFilesIn(path, "glob:*.{yml,yaml}");
        }
        if (arg.contains("*") || arg.contains("?") || arg.contains("[") || arg.contains("{")) {
            Path dir = path.getParent() == null ? Paths.get(".") : path.getParent();
            if (Files.isDirectory(dir)) {
                return yamlFilesIn(dir, "glob:" + path.getFileName());
            }
        }
        return List.of();
    }

    private static List<Path> yamlFilesIn(Path dir, String pattern) {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher(pattern);
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(p.getFileName()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw MiniascapeException.badInput("cannot list " + dir + ": " + e.getMessage());
        }
    }
}
