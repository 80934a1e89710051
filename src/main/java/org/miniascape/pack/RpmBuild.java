package org.miniascape.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.Executor;

/**
 * Source and binary RPMs of a bundle archive through rpmbuild -t (the spec is inside the archive), in a _topdir
 * of its own that is removed afterwards. SOURCE_DATE_EPOCH pins the build time and file mtimes to the bundle's
 * date, so unsigned packages are byte-identical for the same bundle.
 */
final class RpmBuild {
    private final Executor executor;

    RpmBuild(Executor executor) {
        this.executor = executor;
    }

    List<Path> build(Path archive, Path workdir, boolean srpm, boolean rpm, long epoch) {
        Path top = null;
        try {
            top = topdir(archive);
            // rpmbuild -t records the archive's path in the source RPM's spec: give it one under the topdir.
            Path sources = Files.createDirectories(top.resolve("SOURCES"));
            Path source = sources.resolve(archive.getFileName());
            try {
                Files.createLink(source, archive.toAbsolutePath());
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(archive, source, StandardCopyOption.COPY_ATTRIBUTES);
            }
            String mode = srpm && rpm ? "-ta" : srpm ? "-ts" : "-tb";
            executor.runChecked(Command.of("rpmbuild", mode, "--quiet",
                    "--define", "_topdir " + top,
                    "--define", "_buildhost miniascape",
                    "--define", "use_source_date_epoch_as_buildtime 1",
                    "--define", "clamp_mtime_to_source_date_epoch 1",
                    "--define", "source_date_epoch_from_changelog 0",
                    source.toString())
                    .env("SOURCE_DATE_EPOCH", Long.toString(epoch))
                    .timeout(Duration.ofHours(2)));
            List<Path> out = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path p : walk.filter(f -> f.getFileName().toString().endsWith(".rpm")).sorted().toList()) {
                    Path dest = workdir.resolve(p.getFileName());
                    Files.move(p, dest, StandardCopyOption.REPLACE_EXISTING);
                    out.add(dest);
                }
            }
            return out;
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot build RPMs of " + archive + ": " + e.getMessage(), e);
        } finally {
            delete(top);
        }
    }

    /**
     * The source RPM stores its spec with %{buildroot} expanded, so the build directory's path ends up in both
     * packages: a path derived from the archive's content keeps them byte-identical run after run. Should that
     * directory exist (a concurrent build of the same archive), a private one is used instead.
     */
    private static Path topdir(Path archive) throws IOException {
        String id = Manifest.sha256(archive).substring(0, 16);
        Path fixed = Path.of(System.getProperty("java.io.tmpdir"), "miniascape-rpmbuild-" + id);
        try {
            return Files.createDirectory(fixed);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return Files.createTempDirectory("miniascape-rpmbuild-");
        }
    }

    /** Signs the packages in place with rpmsign; rpmlint reports an unsigned package as an error. */
    void sign(List<Path> packages, String key, java.util.Optional<Path> gpgHome) {
        List<String> argv = new ArrayList<>(List.of("rpmsign", "--addsign", "--define", "_gpg_name " + key));
        gpgHome.ifPresent(h -> argv.addAll(List.of("--define", "_gpg_path " + h.toAbsolutePath())));
        gpgProgram().ifPresent(g -> argv.addAll(List.of("--define", "__gpg " + g)));
        for (Path p : packages) {
            argv.add(p.toString());
        }
        executor.runChecked(Command.of(argv).stdin(""));
    }

    /**
     * Debian's rpm names /usr/bin/gpg2, which Debian does not ship: when rpm's own choice is missing, the gpg on
     * PATH is used instead.
     */
    private java.util.Optional<String> gpgProgram() {
        String configured = executor.runChecked(Command.of("rpm", "--eval", "%__gpg")).stdout().strip();
        if (Files.isExecutable(Path.of(configured))) {
            return java.util.Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path gpg = Path.of(dir, "gpg");
            if (!dir.isEmpty() && Files.isExecutable(gpg)) {
                return java.util.Optional.of(gpg.toString());
            }
        }
        throw MiniascapeException.failed("cannot sign: neither " + configured + " nor gpg on PATH exists "
                + "(install gnupg)");
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
