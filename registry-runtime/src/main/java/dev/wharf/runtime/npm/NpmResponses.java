package dev.wharf.runtime.npm;

import dev.wharf.runtime.read.ReadOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The npm format's JSON answers: documents with an {@code ETag} (a {@code 304} when the client has it) and gzip. */
final class NpmResponses {

    /** Documents smaller than this are sent uncompressed: gzip would save little. */
    private static final int GZIP_FROM = 1024;

    private NpmResponses() {}

    /** A document, with where it came from. */
    static Mono<ServerResponse> document(ServerRequest request, byte[] body, MediaType type, ReadOrigin origin) {
        String etag = "\"" + sha256(body).substring(0, 40) + "\"";
        HttpHeaders headers = new HttpHeaders();
        origin.describe(headers);
        headers.setETag(etag);
        headers.set(HttpHeaders.VARY, "Accept, Accept-Encoding");
        headers.setCacheControl("public, max-age=0, must-revalidate");
        if (request.headers().header(HttpHeaders.IF_NONE_MATCH).stream().anyMatch(value -> matches(value, etag))) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .headers(h -> h.addAll(headers))
                    .build();
        }
        ServerResponse.BodyBuilder response =
                ServerResponse.ok().headers(h -> h.addAll(headers)).contentType(type);
        if (request.method().name().equals("HEAD")) {
            return response.contentLength(body.length).build();
        }
        if (body.length >= GZIP_FROM && acceptsGzip(request)) {
            byte[] gzipped = gzip(body);
            return response.header(HttpHeaders.CONTENT_ENCODING, "gzip")
                    .contentLength(gzipped.length)
                    .bodyValue(gzipped);
        }
        return response.contentLength(body.length).bodyValue(body);
    }

    /** A document an upstream served, streamed as it is read. */
    static Mono<ServerResponse> streamed(ServerRequest request, NpmDocument document, ReadOrigin origin) {
        HttpHeaders headers = new HttpHeaders();
        origin.describe(headers);
        headers.setETag(document.etag());
        headers.set(HttpHeaders.VARY, "Accept, Accept-Encoding");
        headers.setCacheControl("public, max-age=0, must-revalidate");
        if (request.headers().header(HttpHeaders.IF_NONE_MATCH).stream()
                .anyMatch(value -> matches(value, document.etag()))) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .headers(h -> h.addAll(headers))
                    .build();
        }
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .headers(h -> h.addAll(headers))
                .contentType(document.type())
                .contentLength(document.size());
        if (request.method().name().equals("HEAD")) {
            return response.build();
        }
        return response.body(BodyInserters.fromDataBuffers(document.body()));
    }

    /** A small JSON answer, such as {@code {"ok": true}}. */
    static Mono<ServerResponse> json(HttpStatus status, Map<String, ?> body) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .bodyValue(PublishBody.JSON.writeValueAsBytes(body));
    }

    private static boolean matches(String header, String etag) {
        for (String candidate : com.google.common.base.Splitter.on(',').split(header)) {
            String value = candidate.strip();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals(etag) || value.equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static boolean acceptsGzip(ServerRequest request) {
        return request.headers().header(HttpHeaders.ACCEPT_ENCODING).stream()
                .anyMatch(value -> value.toLowerCase(java.util.Locale.ROOT).contains("gzip"));
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
