package org.miniascape.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An external program invocation: argv, working directory, extra environment, stdin and a time limit. */
public final class Command {
    private final List<String> argv;
    private Path directory;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String stdin;
    private Duration timeout = Duration.ofMinutes(10);

    private Command(List<String> argv) {
        this.argv = List.copyOf(argv);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    public static Command of(List<String> argv) {
        return new Command(argv);
    }

    public Command in(Path dir) {
        this.directory = dir;
        return this;
    }

    public Command env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public Command stdin(String text) {
        this.stdin = text;
        return this;
    }

    public Command timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    public List<String> argv() {
        return argv;
    }

    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    public Optional<String> stdinText() {
        return Optional.ofNullable(stdin);
    }

    public Duration timeout() {
        return timeout;
    }

    /** The command line as a user would type it, for messages. */
    public String display() {
        List<String> parts = new ArrayList<>();
        for (String a : argv) {
            parts.add(a.matches("[A-Za-z0-9_./:=@%+,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return String.join(" ", parts);
    }
}
