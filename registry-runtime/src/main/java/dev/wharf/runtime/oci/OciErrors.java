package dev.wharf.runtime.oci;

import dev.wharf.runtime.artifact.InvalidNameException;
import dev.wharf.runtime.metadata.BlobMarkedForDeletionException;
import dev.wharf.runtime.storage.BlobNotFoundException;
import dev.wharf.runtime.storage.BlobTooLargeException;
import dev.wharf.runtime.storage.DigestMismatchException;
import dev.wharf.runtime.storage.RangeNotSatisfiableException;
import dev.wharf.runtime.storage.StorageException;
import dev.wharf.runtime.web.AccessRefusedException;
import dev.wharf.runtime.web.LoginsThrottledException;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Turns the errors of an OCI request into the spec's error document, {@code {"errors":[{"code","message","detail"}]}},
 * with the status of the code and, for a 401, the authentication challenge. Unexpected errors are logged and answered
 * without their message, which could carry internal detail.
 */
final class OciErrors {

    private static final Logger LOG = LoggerFactory.getLogger(OciErrors.class);

    private OciErrors() {}

    /** The response for {@code error}; {@code challenge} is the {@code WWW-Authenticate} value of a 401. */
    static Mono<ServerResponse> respond(ServerRequest request, Throwable error, String challenge) {
        OciException oci = translate(error);
        ServerResponse.BodyBuilder response =
                ServerResponse.status(oci.status()).contentType(MediaType.APPLICATION_JSON);
        if (oci.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        if (error instanceof RangeNotSatisfiableException range) {
            response.header(HttpHeaders.CONTENT_RANGE, "bytes */" + range.blobSize());
        }
        if (error instanceof LoginsThrottledException throttled) {
            response.header(HttpHeaders.RETRY_AFTER, throttled.retryAfter());
        }
        if (error instanceof BlobUploads.UploadRangeException range) {
            response.header(HttpHeaders.LOCATION, range.location()).header(HttpHeaders.RANGE, range.range());
        }
        if (HttpMethod.HEAD.equals(request.method())) {
            return response.build();
        }
        return response.bodyValue(body(oci));
    }

    /** The error document of one error. */
    static Map<String, Object> body(OciException error) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", error.error().name());
        entry.put("message", String.valueOf(error.getMessage()));
        Map<String, Object> detail = error.detail();
        entry.put("detail", detail == null ? Map.of() : detail);
        return Map.of("errors", List.of(entry));
    }

    /** The OCI error an exception stands for. */
    static OciException translate(Throwable error) {
        return switch (error) {
            case OciException oci -> oci;
            case AccessRefusedException refused ->
                new OciException(refused.challenge() ? OciError.UNAUTHORIZED : OciError.DENIED, message(refused), null);
            case RequestRefusedException refused -> refused(refused);
            case InvalidNameException invalid -> new OciException(OciError.NAME_INVALID, message(invalid));
            case DigestMismatchException mismatch -> new OciException(OciError.DIGEST_INVALID, message(mismatch));
            case BlobTooLargeException tooLarge ->
                new OciException(OciError.SIZE_INVALID, HttpStatus.CONTENT_TOO_LARGE, message(tooLarge), null);
            case RangeNotSatisfiableException range -> new OciException(OciError.RANGE_INVALID, message(range));
            case BlobNotFoundException missing -> new OciException(OciError.BLOB_UNKNOWN, message(missing));
            case BlobMarkedForDeletionException marked ->
                new OciException(
                        OciError.BLOB_UNKNOWN,
                        message(marked) + "; upload the blob again",
                        Map.of("digest", marked.digest().toString()));
            case StorageException storage -> {
                LOG.error("Storage failed", storage);
                yield new OciException(OciError.UNAVAILABLE, message(storage));
            }
            case ResponseStatusException status ->
                new OciException(
                        OciError.UNSUPPORTED,
                        HttpStatus.valueOf(status.getStatusCode().value()),
                        String.valueOf(status.getReason()),
                        null);
            default -> {
                LOG.error("An OCI request failed unexpectedly", error);
                yield new OciException(OciError.UNKNOWN, "the runtime failed to serve this request; its log says why");
            }
        };
    }

    private static OciException refused(RequestRefusedException refused) {
        OciError code = switch (refused.status()) {
            case NOT_FOUND -> OciError.NAME_UNKNOWN;
            case SERVICE_UNAVAILABLE -> OciError.UNAVAILABLE;
            case CONTENT_TOO_LARGE -> OciError.SIZE_INVALID;
            case METHOD_NOT_ALLOWED, NOT_IMPLEMENTED -> OciError.UNSUPPORTED;
            case FORBIDDEN -> OciError.DENIED;
            case UNAUTHORIZED -> OciError.UNAUTHORIZED;
            case TOO_MANY_REQUESTS -> OciError.TOOMANYREQUESTS;
            default -> OciError.BLOB_UPLOAD_INVALID;
        };
        return new OciException(code, refused.status(), message(refused), null);
    }

    private static String message(Throwable error) {
        return String.valueOf(error.getMessage());
    }

    /** {@code {"digest": digest}}, the detail of an error about one blob or manifest. */
    static Map<String, Object> digestDetail(Object digest) {
        return Map.of("digest", String.valueOf(digest));
    }
}
