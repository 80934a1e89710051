package org.miniascape.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where an optional program is installed, looked up as a shell does: the first executable of that name on PATH. */
public final class Programs {

    private Programs() {
    }

    /**
     * The first regular, executable file {@code name} in the directories of {@code path} (a PATH value, ':'
     * separated; empty entries and a null path find nothing: no current-directory lookups).
     */
    public static Optional<Path> find(String name, String path) {
        if (path == null || name.contains("/")) {
            return Optional.empty();
        }
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
