package org.miniascape.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miniascape.exec.Command;
import org.miniascape.exec.ExecResult;
import org.miniascape.exec.Executor;

/**
 * pykickstart's {@code ksvalidator} (the validators' README, {@code shared/validators/} beside the repository:
 * Debian does not package it). Where it is: the system property {@code miniascape.pykickstart}, else
 * {@code $MINIASCAPE_PYKICKSTART}, else {@code shared/validators/pykickstart} beside the checkout the tests run in,
 * beside the main checkout of a git worktree (git's common directory), or beside the repository a clone was made
 * from (a local {@code origin}, as CI's clone of the main checkout has). Its absence fails the check, naming the
 * places looked at.
 */
public final class Pykickstart {
    private static final Executor EXECUTOR = new Executor();
    private static final String RELATIVE = "shared/validators/pykickstart";
    private static volatile Path home;

    private Pykickstart() {
    }

    /** The pykickstart directory (its {@code tools/ksvalidator.py} and package). */
    public static Path home() {
        Path h = home;
        if (h == null) {
            h = find();
            home = h;
        }
        return h;
    }

    private static Path find() {
        String property = System.getProperty("miniascape.pykickstart", "");
        if (!property.isEmpty()) {
            return checked(Path.of(property).toAbsolutePath().normalize(), "-Dminiascape.pykickstart");
        }
        String env = System.getenv().getOrDefault("MINIASCAPE_PYKICKSTART", "");
        if (!env.isEmpty()) {
            return checked(Path.of(env).toAbsolutePath().normalize(), "$MINIASCAPE_PYKICKSTART");
        }
        Path root = Path.of("").toAbsolutePath().normalize();
        Set<Path> checkouts = new LinkedHashSet<>();
        checkouts.add(root);
        git(root, "rev-parse", "--path-format=absolute", "--git-common-dir").map(Path::of)
                .map(Path::getParent).ifPresent(checkouts::add);
        git(root, "config", "--get", "remote.origin.url").filter(u -> !u.contains("://") && !u.contains("@"))
                .map(u -> u.startsWith("file:") ? u.substring(5) : u)
                .map(u -> root.resolve(u).normalize()).ifPresent(checkouts::add);
        List<Path> looked = new ArrayList<>();
        for (Path checkout : checkouts) {
            if (checkout.getParent() == null) {
                continue;
            }
            Path candidate = checkout.getParent().resolve(RELATIVE);
            looked.add(candidate);
            if (Files.isRegularFile(candidate.resolve("tools/ksvalidator.py"))) {
                return candidate;
            }
        }
        throw new AssertionError("pykickstart not found (looked at " + looked + "); see the validators' README, or"
                + " name its directory with -Dminiascape.pykickstart=DIR or MINIASCAPE_PYKICKSTART");
    }

    private static Path checked(Path dir, String by) {
        if (!Files.isRegularFile(dir.resolve("tools/ksvalidator.py"))) {
            throw new AssertionError(by + " names " + dir + ", which has no tools/ksvalidator.py");
        }
        return dir;
    }

    private static Optional<String> git(Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        try {
            ExecResult r = EXECUTOR.run(Command.of(argv.toArray(String[]::new)));
            return r.ok() && !r.stdout().isBlank() ? Optional.of(r.stdout().strip()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty(); // no git: the checkout's own parent is still looked at
        }
    }

    /** What ksvalidator said of one file: its exit code and its messages. */
    public record Verdict(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /**
     * Runs {@code ksvalidator -v VERSION FILE} for each file, with its version, in one Python process: ksvalidator's
     * own {@code main} once per file (importing pykickstart is most of a run's time), its exit code and what it
     * printed kept per file.
     */
    public static Map<Path, Verdict> validate(Map<Path, String> versions) {
        if (versions.isEmpty()) {
            return Map.of();
        }
        Path tools = home().resolve("tools");
        List<String> argv = new ArrayList<>(List.of("env", "PYTHONPATH=" + home(), "python3", "-c", DRIVER,
                tools.toString()));
        List<Path> files = new ArrayList<>(versions.keySet());
        for (Path f : files) {
            argv.add(versions.get(f));
            argv.add(f.toString());
        }
        ExecResult r = EXECUTOR.run(Command.of(argv.toArray(String[]::new)));
        assertThat(r.exitCode()).as("the ksvalidator driver: " + r.stderr()).isZero();
        String[] parts = r.stdout().split("\u0000", -1);
        assertThat(parts.length).as("ksvalidator's verdicts: " + r.stdout()).isEqualTo(2 * files.size() + 1);
        Map<Path, Verdict> verdicts = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            verdicts.put(files.get(i), new Verdict(Integer.parseInt(parts[2 * i].strip()), parts[2 * i + 1]));
        }
        return verdicts;
    }

    /** Fails unless ksvalidator accepts each file in its version. */
    public static void assertValid(Map<Path, String> versions) {
        for (Map.Entry<Path, Verdict> v : validate(versions).entrySet()) {
            assertThat(v.getValue().exitCode()).as("ksvalidator -v " + versions.get(v.getKey()) + " " + v.getKey()
                    + ":\n" + v.getValue().output()).isZero();
        }
    }

    /** ksvalidator's main per (version, file) pair: exit code, NUL, what it printed and its messages, NUL. */
    private static final String DRIVER = """
            import contextlib, io, sys
            sys.path.insert(0, sys.argv[1])
            import ksvalidator
            args = sys.argv[2:]
            for version, path in zip(args[0::2], args[1::2]):
                out = io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                    rc, messages = ksvalidator.main(["-v", version, path])
                for m in messages:
                    print(m, file=out)
                sys.stdout.write("%d\\0%s\\0" % (rc, out.getvalue()))
            """;
}
