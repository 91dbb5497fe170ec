package dev.wharf.runtime.oci;

import dev.wharf.runtime.web.ErrorDocument;
import dev.wharf.runtime.web.ProtocolErrors;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/** The spec's error document for the errors raised under {@code /v2} before the OCI routes run, such as a bad URL. */
final class OciProtocolErrors implements ProtocolErrors {

    @Override
    public boolean covers(String path) {
        return path.equals("/v2") || path.startsWith("/v2/");
    }

    @Override
    public ErrorDocument document(HttpStatusCode status, String title, String message, String path) {
        HttpStatus known = HttpStatus.valueOf(status.value());
        OciError code = switch (known) {
            case BAD_REQUEST -> OciError.NAME_INVALID;
            case NOT_FOUND -> OciError.NAME_UNKNOWN;
            case UNAUTHORIZED -> OciError.UNAUTHORIZED;
            case FORBIDDEN -> OciError.DENIED;
            case TOO_MANY_REQUESTS -> OciError.TOOMANYREQUESTS;
            case SERVICE_UNAVAILABLE -> OciError.UNAVAILABLE;
            case INTERNAL_SERVER_ERROR -> OciError.UNKNOWN;
            default -> OciError.UNSUPPORTED;
        };
        return ErrorDocument.json(
                status, MediaType.APPLICATION_JSON, OciErrors.body(new OciException(code, known, message, null)));
    }
}
