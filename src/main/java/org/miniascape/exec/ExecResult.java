package org.miniascape.exec;

/** What an external program did: its exit code and everything it printed. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }
}
