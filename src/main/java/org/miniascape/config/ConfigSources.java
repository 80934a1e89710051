package org.miniascape.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
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
import org.miniascape.model.SourcePosition;
import org.miniascape.validate.Problems;

/**
 * Turns {@code -C} arguments into the list of YAML files to read, in merge order: a file as it is; a directory's
 * {@code *.yml}/{@code *.yaml} in name order; a glob (e.g. {@code conf/*.yml}) its matches in name order.
 * No arguments: the embedded default site.
 */
public final class ConfigSources {
    static final String EMBEDDED_SITE = "/org/miniascape/site/default.yml";
    public static final String EMBEDDED_NAME = "<embedded>/default-site.yml";
    /** The largest configuration file that is read at all (YamlReader has the same limit in characters). */
    public static final long MAX_FILE_BYTES = YamlReader.MAX_CODE_POINTS;

    /** A configuration text and the name it is reported under. */
    public record Source(String name, String text) {
    }

    private ConfigSources() {
    }

    /**
     * The files of {@code arguments}, read as UTF-8. A file larger than {@link #MAX_FILE_BYTES} is refused before
     * it is read; each invalid UTF-8 sequence is a problem at its line and column (the file is still read, with
     * U+FFFD in its place, so that its other problems are reported with it).
     */
    public static List<Source> resolve(List<String> arguments, Problems problems) {
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
                    if (Files.size(f) > MAX_FILE_BYTES) {
                        problems.add(new SourcePosition(f.toString(), 1, 1), "the file is larger than "
                                + MAX_FILE_BYTES / (1024 * 1024) + " MiB (" + Files.size(f) + " bytes); split the "
                                + "configuration into several files");
                        continue;
                    }
                    sources.add(new Source(f.toString(), decode(f.toString(), Files.readAllBytes(f), problems)));
                } catch (IOException e) {
                    throw MiniascapeException.badInput("-C " + arg + ": cannot read " + f + ": " + e.getMessage());
                }
            }
        }
        return sources;
    }

    /** UTF-8 → text; every malformed or unmappable sequence is reported where it is and read as U+FFFD. */
    static String decode(String name, byte[] bytes, Problems problems) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        int line = 1;
        int lineStart = 0; // in out
        int scanned = 0;
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            for (int i = scanned; i < out.position(); i++) {
                char c = out.get(i);
                boolean crAlone = c == '\r' && (i + 1 < out.position() ? out.get(i + 1) != '\n'
                        : !(in.hasRemaining() && bytes[in.position()] == '\n'));
                if (c == '\n' || crAlone) {
                    line++;
                    lineStart = i + 1;
                }
            }
            scanned = out.position();
            if (!r.isError()) {
                break;
            }
            int column = Character.codePointCount(out.array(), lineStart, out.position() - lineStart) + 1;
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < r.length(); i++) {
                hex.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[in.position() + i] & 0xff));
            }
            problems.add(new SourcePosition(name, line, column), "invalid UTF-8 (bytes " + hex
                    + "): configuration files must be UTF-8 text");
            in.position(in.position() + r.length());
            out.put('\ufffd');
            scanned = out.position();
        }
        decoder.flush(out);
        return out.flip().toString();
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
