package org.miniascape.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Completion in a real interactive zsh: src/test/resources/completion/zsh-complete.zsh types each line into
 * {@code zsh -f -i} on a pseudo-terminal (zsh/zpty), with only compinit and a function path that starts with the
 * given directory, presses TAB, and reports the command line as completion left it.
 */
public final class Zsh {
    static final Path SCRIPT = Path.of("src/test/resources/completion/zsh-complete.zsh").toAbsolutePath();

    private Zsh() {
    }

    /** Whether zsh is on PATH (.ci/run installs it). */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("zsh", "-f", "-c", "zmodload zsh/zpty").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Each line as TAB completed it, with {@code fpathDir} (holding {@code _miniascape}) first in $fpath. */
    public static List<String> complete(Path fpathDir, Path work, String... lines) throws IOException,
            InterruptedException {
        Files.createDirectories(work);
        List<String> argv = new ArrayList<>(List.of("zsh", "-f", SCRIPT.toString(), fpathDir.toString(),
                work.toString()));
        argv.addAll(List.of(lines));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(work.toFile());
        pb.environment().put("HOME", work.toString());
        pb.redirectError(work.resolve("stderr").toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("zsh-complete.zsh did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("zsh-complete.zsh: exit " + p.exitValue() + ": "
                    + Files.readString(work.resolve("stderr")));
        }
        return out.lines().toList();
    }
}
