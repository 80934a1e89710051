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
        return uri(dir, new String[0]);
    }

    /**
     * A host that already has these objects: {@code <network>}, {@code <domain>} or {@code <pool>} XML documents
     * (a network defined there starts active). Every connection to the URI starts from this state again, so
     * in-process CLI runs can be tested against a prepared host.
     */
    public static String uri(Path dir, String... objects) {
        Path node = dir.toAbsolutePath().resolve("node.xml");
        StringBuilder xml = new StringBuilder("<node>\n");
        for (String o : objects) {
            xml.append(o.replaceFirst("^\\s*<!--.*?-->\\s*", "").strip()).append('\n');
        }
        xml.append("</node>\n");
        try {
            Files.writeString(node, objects.length == 0 ? EMPTY_NODE : xml.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "test://" + node;
    }
}
