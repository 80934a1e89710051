package org.miniascape.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The example sites that {@code init} writes: the repository's {@code examples/} directory, which the build copies
 * into the jar under {@value #ROOT}, with its {@code index.yml} naming each example, its one-line description and
 * its files (a jar cannot list its own resources).
 */
final class Examples {
    /** Where the build puts the examples among the resources. */
    static final String ROOT = "/org/miniascape/examples/";
    /** The example {@code init} writes without --example. */
    static final String DEFAULT = "minimal";

    /** One example: its directory's name, what it is (one sentence), its files relative to that directory. */
    record Example(String name, String description, List<String> files) {
        Example {
            files = List.copyOf(files);
        }

        /** The content of one of its files. */
        byte[] read(String file) {
            return resource(name + "/" + file);
        }
    }

    private Examples() {
    }

    /** Every example, in the order of the index. */
    static List<Example> all() {
        Object index = new Load(LoadSettings.builder().build())
                .loadFromString(new String(resource("index.yml"), java.nio.charset.StandardCharsets.UTF_8));
        List<Example> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) index).entrySet()) {
            Map<?, ?> entry = (Map<?, ?>) e.getValue();
            List<String> files = new ArrayList<>();
            for (Object file : (List<?>) entry.get("files")) {
                files.add((String) file);
            }
            out.add(new Example((String) e.getKey(), (String) entry.get("description"), files));
        }
        return List.copyOf(out);
    }

    /** The example of that name, if there is one. */
    static Optional<Example> named(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static byte[] resource(String path) {
        try (InputStream in = Examples.class.getResourceAsStream(ROOT + path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + ROOT + path + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
