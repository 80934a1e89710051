package org.miniascape.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.miniascape.MiniascapeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Writes one of the example sites into a directory, so that {@code cd DIR && miniascape validate} finds it. It
 * never removes or overwrites a file: an existing file of the same name as one of the example's is refused even
 * with --force, before anything is written.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Start a site of your own in DIR from one of the example sites.",
            "DIR is created; an existing DIR must be empty, unless --force.",
            "No file is ever overwritten, even with --force: if one of the example's",
            "files exists in DIR, nothing is written (exit 2).",
            "--list (or --example list) shows the examples and what each is."})
public final class InitCommand implements Callable<Integer> {
    /** The --example value that lists the examples instead. */
    static final String LIST = "list";

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "The directory to write the site into (created, with its parents, when missing).")
    String dir;

    @Option(names = {"-e", "--example"}, paramLabel = "NAME", defaultValue = Examples.DEFAULT,
            description = "The example to start from (default: ${DEFAULT-VALUE}); 'list' lists them.")
    String example;

    @Option(names = {"-l", "--list", "--list-examples"}, description = "List the examples, one a line, and exit.")
    boolean list;

    @Option(names = "--force",
            description = "Write into a DIR that is not empty; existing files are still never overwritten.")
    boolean force;

    @Spec
    CommandSpec spec;

    private final Path workingDirectory;

    public InitCommand() {
        this(Path.of("."));
    }

    /** Relative DIRs are relative to {@code workingDirectory} ({@link Main} passes the process's, tests their own). */
    InitCommand(Path workingDirectory) {
        this.workingDirectory = Objects.requireNonNull(workingDirectory);
    }

    @Override
    public Integer call() {
        List<Examples.Example> examples = Examples.all();
        if (list || example.equals(LIST)) {
            if (dir != null) {
                throw MiniascapeException.badInput("--list shows the examples and writes nothing; it takes no"
                        + " DIR (to write one: miniascape init " + dir + " --example NAME)");
            }
            int width = examples.stream().mapToInt(e -> e.name().length()).max().orElse(0) + 2;
            for (Examples.Example e : examples) {
                spec.commandLine().getOut().println(String.format("%-" + width + "s%s", e.name(), e.description()));
            }
            return ExitCode.OK;
        }
        Examples.Example chosen = Examples.named(example).orElseThrow(() -> MiniascapeException.badInput(
                "there is no example '" + example + "' (there are: " + String.join(", ",
                        examples.stream().map(Examples.Example::name).toList()) + "; --list describes them)"));
        if (dir == null) {
            throw MiniascapeException.badInput("name the directory to write the site into: miniascape init DIR"
                    + " [--example NAME]");
        }
        Path target = workingDirectory.resolve(dir);
        check(target, chosen);
        List<String> written = new ArrayList<>();
        try {
            for (String file : chosen.files()) {
                Path path = target.resolve(file);
                Files.createDirectories(path.getParent());
                // CREATE_NEW: a file that appeared since the check is not overwritten either.
                Files.write(path, chosen.read(file), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                written.add(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw MiniascapeException.failed("" + e.getFile() + " appeared while writing; it was left as it was"
                    + wrote(written));
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot write " + target + ": " + e.getMessage() + wrote(written), e);
        }
        var out = spec.commandLine().getOut();
        out.println("wrote example " + chosen.name() + " into " + dir + ":");
        for (String file : written) {
            out.println("  " + Path.of(dir).resolve(file));
        }
        out.println("next: cd " + quoted(dir) + " && miniascape validate && miniascape build && miniascape plan");
        return ExitCode.OK;
    }

    /** Refuses, before anything is written, a DIR that is not a directory, a non-empty one, and existing files. */
    private void check(Path target, Examples.Example chosen) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
            throw MiniascapeException.badInput("" + dir + " exists and is not a directory; choose a new"
                    + " directory");
        }
        if (!Files.isDirectory(target)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(target)) {
            empty = entries.findAny().isEmpty();
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot read directory " + dir + ": " + e.getMessage(), e);
        }
        if (!empty && !force) {
            throw MiniascapeException.badInput("" + dir + " exists and is not empty; choose a new directory,"
                    + " or add the example's files to it with --force (which never overwrites a file)");
        }
        List<String> existing = chosen.files().stream()
                .filter(f -> Files.exists(target.resolve(f), LinkOption.NOFOLLOW_LINKS))
                .map(f -> Path.of(dir).resolve(f).toString()).toList();
        if (!existing.isEmpty()) {
            throw MiniascapeException.badInput("" + String.join(", ", existing) + (existing.size() == 1
                    ? " exists" : " exist") + " and init never overwrites a file; move " + (existing.size() == 1
                    ? "it" : "them") + " away, or choose a new directory (nothing was written)");
        }
    }

    private static String wrote(List<String> written) {
        return written.isEmpty() ? " (nothing was written)" : " (written before: " + String.join(", ", written) + ")";
    }

    /** DIR as a shell word: as it is when it needs no quoting, else in single quotes. */
    static String quoted(String word) {
        return word.matches("[A-Za-z0-9_./+,:@%=-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
