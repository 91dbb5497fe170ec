package dev.wharf.runtime.api;

import dev.wharf.runtime.web.RequestRefusedException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * Reads the JSON body of a request, answering 400 with the shape expected when it is missing or malformed, 415 when it
 * is not sent as {@code application/json}, and 413 when it is larger than {@link #MAX_BYTES}: at once, before the body
 * is asked for, when its {@code Content-Length} says so. The decoder's own message is not echoed: it names Java types.
 */
final class JsonBodies {

    /** The largest body read: the default limit of Spring's codecs, which hold a JSON document whole to decode it. */
    static final int MAX_BYTES = 256 * 1024;

    private static final ParameterizedTypeReference<Map<String, @Nullable Object>> OBJECT =
            new ParameterizedTypeReference<>() {};

    private JsonBodies() {}

    /** The body as {@code type}; {@code example} shows a valid body in the error messages. */
    static <T> Mono<T> read(ServerRequest request, Class<T> type, String example) {
        return explained(request, request.bodyToMono(type), example);
    }

    /** The body as a JSON object. */
    static Mono<Map<String, @Nullable Object>> object(ServerRequest request, String example) {
        return explained(request, request.bodyToMono(OBJECT), example);
    }

    private static <T> Mono<T> explained(ServerRequest request, Mono<T> body, String example) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > MAX_BYTES) {
            return Mono.error(tooLarge("the body announces " + declared
                    + " bytes (Content-Length), but the management API reads JSON bodies of at most " + MAX_BYTES));
        }
        return body.onErrorMap(
                        JsonBodies::overLimit,
                        error -> tooLarge(
                                "the body is larger than " + MAX_BYTES + " bytes, the most the management API reads"))
                .onErrorMap(
                        error -> error instanceof DecodingException || error instanceof ServerWebInputException,
                        error -> RequestRefusedException.badRequest(
                                "the body is not valid JSON of the expected shape; send a JSON object such as "
                                        + example))
                .onErrorMap(
                        UnsupportedMediaTypeStatusException.class,
                        error -> new RequestRefusedException(
                                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                                "Unsupported media type",
                                "send the body as application/json, such as " + example))
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.badRequest(
                        "the body is empty; send a JSON object such as " + example)));
    }

    /** Whether the decoder gave up because the body ran past the codecs' limit (it may wrap that in its own error). */
    private static boolean overLimit(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataBufferLimitException) {
                return true;
            }
        }
        return false;
    }

    private static RequestRefusedException tooLarge(String message) {
        return new RequestRefusedException(HttpStatus.CONTENT_TOO_LARGE, "Body too large", message);
    }
}
