package dev.wharf.runtime.web;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served, with the HTTP status and a message a person can act on. Each format turns it into
 * its protocol's error document; the generic format and the management API into an RFC 9457 problem.
 */
public class RequestRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String title;

    public RequestRefusedException(HttpStatus status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    /** The status to answer with. */
    public HttpStatus status() {
        return status;
    }

    /** A short summary of the kind of problem, the same for every occurrence, such as "Registry not found". */
    public String title() {
        return title;
    }

    /** The registry not configured under this name. */
    public static RequestRefusedException registryNotFound(String registry) {
        return new RequestRefusedException(
                HttpStatus.NOT_FOUND,
                "Registry not found",
                "no registry named '" + registry + "' is served here; GET /api/v1/registries lists the registries");
    }

    /** The package, version or file not stored. */
    public static RequestRefusedException notFound(String what) {
        return new RequestRefusedException(HttpStatus.NOT_FOUND, "Not found", what);
    }

    /** A name, path or parameter that is not valid. */
    public static RequestRefusedException badRequest(String message) {
        return new RequestRefusedException(HttpStatus.BAD_REQUEST, "Bad request", message);
    }

    /** A request that conflicts with what is stored. */
    public static RequestRefusedException conflict(String message) {
        return new RequestRefusedException(HttpStatus.CONFLICT, "Conflict", message);
    }
}
