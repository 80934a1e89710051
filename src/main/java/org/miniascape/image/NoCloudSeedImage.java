package org.miniascape.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.miniascape.MiniascapeException;
import org.miniascape.exec.Command;
import org.miniascape.exec.Executor;
import org.miniascape.exec.ScratchDir;
import org.miniascape.model.NoCloudSeed;

/**
 * Packs cloud-init's files into a NoCloud seed: an ISO 9660 image with Joliet and Rock Ridge names, volume
 * label {@value NoCloudSeed#LABEL}, made by xorriso (what virt-install's {@code --cloud-init} uses too), in a
 * private temporary directory that is removed again.
 */
public final class NoCloudSeedImage {
    private final Executor executor;

    public NoCloudSeedImage(Executor executor) {
        this.executor = executor;
    }

    /** The image's bytes for {@code files}: file name → text (user-data, meta-data, network-config). */
    public byte[] pack(String guest, Map<String, String> files) {
        try (ScratchDir scratch = ScratchDir.create("miniascape-seed-")) {
            Path dir = scratch.path();
            Path content = Files.createDirectory(dir.resolve("content"));
            List<String> argv = new ArrayList<>(List.of("xorriso", "-as", "mkisofs", "-quiet", "-output",
                    dir.resolve("seed.iso").toString(), "-volid", NoCloudSeed.LABEL, "-joliet", "-rock",
                    "-input-charset", "utf-8"));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path p = content.resolve(f.getKey());
                if (!p.getParent().equals(content)) {
                    throw new IllegalArgumentException("a seed file is a plain name: " + f.getKey());
                }
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
                argv.add(p.toString());
            }
            var result = run(Command.of(argv).timeout(Duration.ofMinutes(1)), guest);
            // xorriso 1.5.4 was seen killed by SIGSEGV once in hundreds of runs: a run that a signal ended is
            // tried again, twice at most; an exit of its own is its answer.
            for (int retry = 0; retry < 2 && result.exitCode() > 128; retry++) {
                result = run(Command.of(argv).timeout(Duration.ofMinutes(1)), guest);
            }
            if (!result.ok()) {
                throw MiniascapeException.failed("xorriso could not make the NoCloud seed of guest " + guest + ": "
                        + result.stderr().strip());
            }
            return Files.readAllBytes(dir.resolve("seed.iso"));
        } catch (IOException e) {
            throw MiniascapeException.failed("cannot make the NoCloud seed of guest " + guest + ": " + e.getMessage(),
                    e);
        }
    }

    private org.miniascape.exec.ExecResult run(Command command, String guest) {
        try {
            return executor.run(command);
        } catch (MiniascapeException e) {
            throw MiniascapeException.failed("xorriso is needed to make the NoCloud seed of cloud-init guest "
                    + guest + " (Debian: apt install xorriso; Fedora: dnf install xorriso): " + e.getMessage(), e);
        }
    }
}
