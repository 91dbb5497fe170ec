package dev.wharf.runtime.oci;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A request refused with an OCI error code: the message says what to do, the detail (when any) is the structured
 * value the spec puts in {@code detail}, such as the digest of a missing blob.
 */
class OciException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final OciError error;
    private final HttpStatus status;
    private final transient @Nullable Map<String, Object> detail;

    OciException(OciError error, String message) {
        this(error, error.status(), message, null);
    }

    OciException(OciError error, String message, @Nullable Map<String, Object> detail) {
        this(error, error.status(), message, detail);
    }

    OciException(OciError error, HttpStatus status, String message, @Nullable Map<String, Object> detail) {
        super(message);
        this.error = error;
        this.status = status;
        this.detail = detail;
    }

    OciError error() {
        return error;
    }

    HttpStatus status() {
        return status;
    }

    @Nullable Map<String, Object> detail() {
        return detail;
    }
}
