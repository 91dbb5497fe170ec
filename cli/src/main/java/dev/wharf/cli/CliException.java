package dev.wharf.cli;

/** A failure the client reports in one message, with the exit code it ends with; no stack trace is shown. */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process's exit code, one of {@link ExitCodes}. */
    public int exitCode() {
        return exitCode;
    }
}
