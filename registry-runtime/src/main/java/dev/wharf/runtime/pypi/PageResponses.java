package dev.wharf.runtime.pypi;

import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Answers a GET or HEAD of an index page: the form the request's {@code Accept} chooses ({@code 406} for none), gzipped
 * when the client takes gzip, {@code 304} for a matching {@code If-None-Match}, with {@code Vary} saying what chose it.
 */
final class PageResponses {

    private PageResponses() {}

    /** The form {@code request} asks for; a 406 naming the forms served when it takes none. */
    static IndexForm form(ServerRequest request) {
        String accept = String.join(", ", request.headers().header(HttpHeaders.ACCEPT));
        IndexForm form;
        try {
            form = IndexForm.negotiate(accept);
        } catch (IllegalArgumentException e) {
            throw RequestRefusedException.badRequest(
                    "the Accept header '" + accept + "' cannot be read: " + e.getMessage());
        }
        if (form == null) {
            throw new RequestRefusedException(
                    HttpStatus.NOT_ACCEPTABLE,
                    "Not acceptable",
                    "the index serves " + IndexForm.ACCEPTED + "; the request accepts none of them (Accept: " + accept
                            + ")");
        }
        return form;
    }

    /** The response serving {@code page}, from {@code origin}. */
    static Mono<ServerResponse> serve(ServerRequest request, RenderedPage page, ReadOrigin origin) {
        IndexForm form = form(request);
        RenderedPage.Variant variant = page.variant(form);
        List<String> vary = List.of(HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_ENCODING);
        if (request.headers().header(HttpHeaders.IF_NONE_MATCH).stream()
                .anyMatch(tags -> tags.contains(variant.etag()) || tags.strip().equals("*"))) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .eTag(variant.etag())
                    .varyBy(vary.toArray(String[]::new))
                    .headers(origin::describe)
                    .build();
        }
        boolean gzip = request.headers().header(HttpHeaders.ACCEPT_ENCODING).stream()
                .anyMatch(encodings ->
                        encodings.toLowerCase(java.util.Locale.ROOT).contains("gzip"));
        byte[] body = gzip ? variant.gzipped() : variant.bytes();
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .header(HttpHeaders.CONTENT_TYPE, form.contentType())
                .eTag(variant.etag())
                .varyBy(vary.toArray(String[]::new))
                .header(HttpHeaders.CACHE_CONTROL, "max-age=0, must-revalidate")
                .headers(origin::describe)
                .contentLength(body.length);
        if (gzip) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return HttpMethod.HEAD.equals(request.method()) ? response.build() : response.bodyValue(body);
    }
}
