package dev.wharf.runtime.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** An error answer written outside a route (a framework error, a request target the server cannot parse). */
public final class ErrorDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpStatusCode status;
    private final MediaType contentType;
    private final byte[] body;

    public ErrorDocument(HttpStatusCode status, MediaType contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body.clone();
    }

    /** The status to answer with. */
    public HttpStatusCode status() {
        return status;
    }

    /** The body's media type. */
    public MediaType contentType() {
        return contentType;
    }

    /** The body, a copy. */
    public byte[] body() {
        return body.clone();
    }

    /** A JSON document of this type. */
    public static ErrorDocument json(HttpStatusCode status, MediaType contentType, Map<String, ?> document) {
        return new ErrorDocument(status, contentType, JSON.writeValueAsBytes(document));
    }

    /** A plain text message, ending with a line break. */
    public static ErrorDocument text(HttpStatusCode status, String message) {
        return new ErrorDocument(
                status,
                new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8),
                (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
