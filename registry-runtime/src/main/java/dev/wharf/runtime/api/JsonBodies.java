package dev.wharf.runtime.api;

import dev.wharf.runtime.web.RequestRefusedException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * Reads the JSON body of a request, answering 400 with the shape expected when it is missing or malformed, and 415
 * when it is not sent as {@code application/json}. The decoder's own message is not echoed: it names Java types.
 */
final class JsonBodies {

    private static final ParameterizedTypeReference<Map<String, @Nullable Object>> OBJECT =
            new ParameterizedTypeReference<>() {};

    private JsonBodies() {}

    /** The body as {@code type}; {@code example} shows a valid body in the error messages. */
    static <T> Mono<T> read(ServerRequest request, Class<T> type, String example) {
        return explained(request.bodyToMono(type), example);
    }

    /** The body as a JSON object. */
    static Mono<Map<String, @Nullable Object>> object(ServerRequest request, String example) {
        return explained(request.bodyToMono(OBJECT), example);
    }

    private static <T> Mono<T> explained(Mono<T> body, String example) {
        return body.onErrorMap(
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
}
