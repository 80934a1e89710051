package org.miniascape.cli;

/** The process exit codes, documented in the README and in {@code --help}. */
public final class ExitCode {
    public static final int OK = 0;
    /** An operation was attempted and failed (a tool, libvirt or the filesystem said no). */
    public static final int FAILED = 1;
    /** Bad command-line usage or a bad site configuration; nothing was changed. */
    public static final int USAGE_OR_CONFIG = 2;
    /** The host is not in the state the operation expects (a conflict, a running guest, drift). */
    public static final int HOST_STATE = 3;
    /** A bug in miniascape. */
    public static final int INTERNAL = 4;

    private ExitCode() {
    }
}
