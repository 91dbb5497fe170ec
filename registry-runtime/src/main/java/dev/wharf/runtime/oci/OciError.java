package dev.wharf.runtime.oci;

import org.springframework.http.HttpStatus;

/** The error codes of the OCI distribution spec (and the Docker registry API's extras), each with its status. */
enum OciError {
    BLOB_UNKNOWN(HttpStatus.NOT_FOUND, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(HttpStatus.BAD_REQUEST, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(HttpStatus.NOT_FOUND, "blob upload unknown to registry"),
    DIGEST_INVALID(HttpStatus.BAD_REQUEST, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(HttpStatus.BAD_REQUEST, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(HttpStatus.BAD_REQUEST, "manifest invalid"),
    MANIFEST_UNKNOWN(HttpStatus.NOT_FOUND, "manifest unknown to registry"),
    NAME_INVALID(HttpStatus.BAD_REQUEST, "invalid repository name"),
    NAME_UNKNOWN(HttpStatus.NOT_FOUND, "repository name not known to registry"),
    SIZE_INVALID(HttpStatus.BAD_REQUEST, "provided length did not match content length"),
    TAG_INVALID(HttpStatus.BAD_REQUEST, "manifest tag did not match URI"),
    RANGE_INVALID(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "invalid content range"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "authentication required"),
    DENIED(HttpStatus.FORBIDDEN, "requested access to the resource is denied"),
    UNSUPPORTED(HttpStatus.METHOD_NOT_ALLOWED, "the operation is unsupported"),
    TOOMANYREQUESTS(HttpStatus.TOO_MANY_REQUESTS, "too many requests"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service unavailable"),
    UNKNOWN(HttpStatus.INTERNAL_SERVER_ERROR, "unknown error");

    private final HttpStatus status;
    private final String summary;

    OciError(HttpStatus status, String summary) {
        this.status = status;
        this.summary = summary;
    }

    /** The status answered with this code, unless the error names another. */
    HttpStatus status() {
        return status;
    }

    /** The spec's one-line description of the code. */
    String summary() {
        return summary;
    }
}
