package org.miniascape.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private libvirt test-driver host for one test: an empty {@code node.xml} in the test's temp dir, and the
 * {@code test:///...} URI that opens it. Never {@code test:///default}, which is shared by everyone in the JVM.
 * The test driver keeps its state per connection: define and inspect through the same open connection.
 */
public final class TestDriver {
    /** No domains, networks or pools: each test defines what it needs. */
    static final String EMPTY_NODE = "<node/>\n";

    private TestDriver() {
    }

    /** Writes {@code dir/node.xml} and returns its URI, e.g. {@code test:///tmp/junit123/node.xml}. */
    public static String uri(Path dir) {
        Path node = dir.toAbsolutePath().resolve("node.xml");
        try {
            Files.writeString(node, EMPTY_NODE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "test://" + node;
    }
}
