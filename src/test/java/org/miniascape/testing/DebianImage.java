package org.miniascape.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/**
 * A small, real Debian 12 cloud guest for integration tests that boot one (docs/development.md, "The Debian test
 * image"): an ext4 root filesystem as qcow2 for {@code /dev/vda}, and the kernel and initramfs for direct kernel
 * boot. Built by {@code src/test/sh/debian-image.sh} with mmdebstrap when missing or when the script changed
 * (its sha256 is kept beside the image), into {@code ~/.cache/miniascape-test/debian-12/}, or
 * {@code $MINIASCAPE_TEST_IMAGE_CACHE/debian-12/}; once per JVM however many test classes ask.
 *
 * <pre>{@code DebianImage.Image image = DebianImage.get();}</pre>
 */
public final class DebianImage {
    /** The script, relative to the repository root (surefire's working directory). */
    static final Path SCRIPT = Paths.get("src/test/sh/debian-image.sh");
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(30);
    private static final int STDERR_TAIL = 40;

    private static Image cached;

    private DebianImage() {
    }

    /** The three files of a built image. */
    public record Image(Path disk, Path kernel, Path initrd) {
        /** The kernel command line the image boots with. */
        public static final String CMDLINE = "root=/dev/vda rw console=ttyS0";
    }

    /** The cache directory's parent: {@code $MINIASCAPE_TEST_IMAGE_CACHE}, else {@code ~/.cache/miniascape-test}. */
    static Path cacheRoot() {
        String env = System.getenv("MINIASCAPE_TEST_IMAGE_CACHE");
        if (env != null && !env.isBlank()) {
            return Paths.get(env).toAbsolutePath();
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "miniascape-test");
    }

    /** The image, built first when the cache has none or one of an older recipe. */
    public static synchronized Image get() {
        if (cached != null) {
            return cached;
        }
        Path script = SCRIPT.toAbsolutePath();
        Path dir = cacheRoot().resolve("debian-12");
        Image image = new Image(dir.resolve("debian-12.qcow2"), dir.resolve("vmlinuz"), dir.resolve("initrd.img"));
        String recipe = sha256(script);
        if (!upToDate(dir, image, recipe)) {
            build(script, dir);
            if (!upToDate(dir, image, recipe)) {
                throw new IllegalStateException(script + " finished but " + dir
                        + " lacks debian-12.qcow2, vmlinuz, initrd.img or a matching recipe.sha256");
            }
        }
        cached = image;
        return image;
    }

    private static boolean upToDate(Path dir, Image image, String recipe) {
        Path stamp = dir.resolve("recipe.sha256");
        try {
            return Files.isRegularFile(stamp)
                    && Files.readString(stamp).strip().equals(recipe)
                    && List.of(image.disk(), image.kernel(), image.initrd()).stream()
                            .allMatch(Files::isRegularFile);
        } catch (IOException e) {
            return false;
        }
    }

    private static void build(Path script, Path dir) {
        try {
            Files.createDirectories(dir.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image cache " + dir.getParent(), e);
        }
        System.err.println("DebianImage: building " + dir + " with " + script + " (a few minutes, once)");
        long start = System.nanoTime();
        ExecResult r = new Executor().run(Command.of(script.toString(), dir.toString()).timeout(BUILD_LIMIT));
        if (!r.ok()) {
            throw new IllegalStateException(script + " " + dir + " failed with exit code " + r.exitCode()
                    + "; the last lines of its stderr:\n" + tail(r.stderr(), STDERR_TAIL));
        }
        System.err.printf("DebianImage: built in %d s%n", Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
