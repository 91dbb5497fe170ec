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
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DefaultDataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

    /**
     * A packument, built here or as an upstream served it: its bytes as they are, or gzipped once and kept when the
     * client accepts gzip (a weak entity tag then, as the bytes differ).
     */
    static Mono<ServerResponse> streamed(
            ServerRequest request, NpmDocument document, ReadOrigin origin, GzippedDocuments gzipped) {
        boolean gzip = document.size() >= GZIP_FROM && acceptsGzip(request);
        HttpHeaders headers = new HttpHeaders();
        origin.describe(headers);
        headers.setETag(gzip ? "W/" + document.etag() : document.etag());
        headers.set(HttpHeaders.VARY, "Accept, Accept-Encoding");
        headers.setCacheControl("public, max-age=0, must-revalidate");
        if (request.headers().header(HttpHeaders.IF_NONE_MATCH).stream()
                .anyMatch(value -> matches(value, document.etag()))) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .headers(h -> h.addAll(headers))
                    .build();
        }
        ServerResponse.BodyBuilder response =
                ServerResponse.ok().headers(h -> h.addAll(headers)).contentType(document.type());
        if (request.method().name().equals("HEAD")) {
            return response.contentLength(document.size()).build();
        }
        if (gzip) {
            return gzipped.of(document)
                    .flatMap(bytes -> response.header(HttpHeaders.CONTENT_ENCODING, "gzip")
                            .contentLength(bytes.length)
                            .bodyValue(bytes));
        }
        return response.contentLength(document.size())
                .body((message, context) ->
                        message.writeWith(document.body().map(buffer -> sameBytes(message.bufferFactory(), buffer))));
    }

    /**
     * {@code buffer} as a buffer of the response's own factory, over the same bytes: WebFlux on Netty copies a buffer
     * of any other kind whole before it writes it, a copy of the whole packument for every request.
     */
    private static DataBuffer sameBytes(DataBufferFactory factory, DataBuffer buffer) {
        if (!(buffer instanceof DefaultDataBuffer) || factory instanceof DefaultDataBufferFactory) {
            return buffer;
        }
        try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
            // A DefaultDataBuffer is one ByteBuffer; releasing it is a no-op.
            return buffers.hasNext() ? factory.wrap(buffers.next()) : factory.allocateBuffer(0);
        }
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
