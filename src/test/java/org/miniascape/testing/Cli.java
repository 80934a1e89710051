package org.miniascape.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.miniascape.cli.Main;

/** Runs the CLI in-process with captured stdout and stderr. */
public final class Cli {

    /** What one run did. */
    public record Run(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    /** With these environment variables and working directory, not the process's. */
    public static Run run(java.util.Map<String, String> env, java.nio.file.Path workingDirectory, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(o, e, env, workingDirectory, args);
        }
        return new Run(code, out.toString(), err.toString());
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(o, e, args);
        }
        return new Run(code, out.toString(), err.toString());
    }
}
