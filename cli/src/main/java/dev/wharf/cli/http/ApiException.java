package dev.wharf.cli.http;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;

/** An answer of the server that is not a success, with its RFC 9457 detail and what to do next. */
public final class ApiException extends CliException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(exitCode(status), message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    private static int exitCode(int status) {
        return switch (status) {
            case 401, 403 -> ExitCodes.AUTH;
            case 404 -> ExitCodes.NOT_FOUND;
            case 409 -> ExitCodes.CONFLICT;
            default -> ExitCodes.FAILED;
        };
    }
}
