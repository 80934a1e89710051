package org.miniascape.image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miniascape.exec.Command;
import org.miniascape.exec.Executor;

/** The qemu-img operations we need, run through the {@link Executor}. */
public final class QemuImg {
    /** Converting a large disk takes a while; bounded so a hung tool does not hang us forever. */
    private static final Duration LONG = Duration.ofHours(2);

    private final Executor executor;

    public QemuImg(Executor executor) {
        this.executor = executor;
    }

    /** An overlay on {@code backingName} (as it will be written in the header) of the given format. */
    public void createOverlay(Path file, String backingName, String backingFormat) {
        executor.runChecked(Command.of("qemu-img", "create", "-q", "-f", "qcow2", "-o", "compat=1.1",
                "-b", backingName, "-F", backingFormat, file.toString()).timeout(LONG));
    }

    /** A new empty image of {@code format} and {@code bytes} virtual size (qcow2 as version 3). */
    public void create(Path file, String format, long bytes) {
        List<String> argv = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", format));
        if (format.equals("qcow2")) {
            argv.addAll(List.of("-o", "compat=1.1"));
        }
        argv.add(file.toString());
        argv.add(Long.toString(bytes));
        executor.runChecked(Command.of(argv));
    }

    /**
     * Converts {@code from} into a new standalone image ({@code -p} off: we print our own progress).
     * {@code options} are the {@code -o} options of the target format, e.g. {@code compat=1.1}.
     */
    public void convert(Path from, Optional<String> fromFormat, Path to, String toFormat, List<String> options) {
        List<String> argv = new ArrayList<>(List.of("qemu-img", "convert", "-q"));
        fromFormat.ifPresent(f -> argv.addAll(List.of("-f", f)));
        argv.addAll(List.of("-O", toFormat));
        if (!options.isEmpty()) {
            argv.addAll(List.of("-o", String.join(",", options)));
        }
        argv.add(from.toString());
        argv.add(to.toString());
        executor.runChecked(Command.of(argv).timeout(LONG));
    }

    /**
     * Rewrites only the backing name and format in the header ({@code rebase -u}): the data is not touched, so
     * this is how a copied chain gets relative names.
     */
    public void setBacking(Path file, String backingName, String backingFormat) {
        executor.runChecked(Command.of("qemu-img", "rebase", "-u", "-f", "qcow2", "-b", backingName,
                "-F", backingFormat, file.toString()).in(file.toAbsolutePath().getParent()));
    }
}
