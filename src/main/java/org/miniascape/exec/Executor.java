package org.miniascape.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.miniascape.MiniascapeException;

/** Runs {@link Command}s. Output is collected on threads so a chatty program never blocks on a full pipe. */
public class Executor {

    public ExecResult run(Command command) {
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        command.directory().ifPresent(d -> pb.directory(d.toFile()));
        pb.environment().putAll(command.environment());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot run " + command.argv().get(0) + ": " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread outPump = pump(process.getInputStream(), out);
        Thread errPump = pump(process.getErrorStream(), err);
        try (OutputStream in = process.getOutputStream()) {
            if (command.stdinText().isPresent()) {
                in.write(command.stdinText().get().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The program closed its input early; what it printed tells the rest.
        }
        try {
            if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw MiniascapeException.failed(
                        command.display() + " did not finish within " + command.timeout().toSeconds() + " s");
            }
            outPump.join();
            errPump.join();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw MiniascapeException.failed("interrupted while running " + command.display(), e);
        }
        return new ExecResult(process.exitValue(),
                out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs the command on this process's own stdin, stdout and stderr (a terminal session: ssh, virsh console)
     * and returns its exit code once it ends. Nothing is collected and the command's time limit does not apply:
     * the user ends the session. A command with stdin text is refused: its input is the user's.
     */
    public int attach(Command command) {
        if (command.stdinText().isPresent()) {
            throw new IllegalArgumentException("an attached command reads this process's stdin: " + command.display());
        }
        ProcessBuilder pb = new ProcessBuilder(command.argv()).inheritIO();
        command.directory().ifPresent(d -> pb.directory(d.toFile()));
        pb.environment().putAll(command.environment());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot run " + command.argv().get(0) + ": " + e.getMessage(), e);
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw MiniascapeException.failed("interrupted while running " + command.display(), e);
        }
    }

    /** Runs and fails with the program's own stderr when it exits non-zero. */
    public ExecResult runChecked(Command command) {
        ExecResult result = run(command);
        if (!result.ok()) {
            throw MiniascapeException.failed(command.display() + " failed with exit code " + result.exitCode()
                    + (result.stderr().isBlank() ? "" : ":\n" + result.stderr().strip()));
        }
        return result;
    }

    private static Thread pump(InputStream from, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try (from) {
                from.transferTo(to);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "exec-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
