package org.miniascape;

/**
 * The one exception type that carries an exit code. Everything the CLI reports to a user is one of these;
 * anything else reaching the top is an internal error.
 */
public class MiniascapeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public MiniascapeException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public MiniascapeException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** Exit 1: an operation failed. */
    public static MiniascapeException failed(String message, Throwable cause) {
        return new MiniascapeException(1, message, cause);
    }

    public static MiniascapeException failed(String message) {
        return new MiniascapeException(1, message);
    }

    /** Exit 2: bad usage or configuration. */
    public static MiniascapeException badInput(String message) {
        return new MiniascapeException(2, message);
    }

    /** Exit 3: the host is not in the state we expect. */
    public static MiniascapeException hostState(String message) {
        return new MiniascapeException(3, message);
    }
}
