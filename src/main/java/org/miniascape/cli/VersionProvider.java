package org.miniascape.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version line: the project version and the git commit the build was made from (when it was made in a git
 * checkout; {@code -dirty}: with uncommitted changes), both from the build-info resource the build writes beside
 * the classes, so that the jar and a run from target/classes say the same.
 */
final class VersionProvider implements IVersionProvider {
    static final String BUILD_INFO = "build-info.properties";

    @Override
    public String[] getVersion() {
        Properties info = buildInfo();
        return new String[] {line(info.getProperty("version", ""), info.getProperty("commit", ""))};
    }

    /** {@code miniascape VERSION (git COMMIT)}; without a commit, no parenthesis; without a version, "unknown". */
    static String line(String version, String commit) {
        String v = version == null || version.isBlank() ? "(unknown version)" : version.strip();
        return "miniascape " + v + (commit == null || commit.isBlank() ? "" : " (git " + commit.strip() + ")");
    }

    /** The resource's properties; none when the classes were not built by Maven (an IDE's build). */
    static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(BUILD_INFO)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
