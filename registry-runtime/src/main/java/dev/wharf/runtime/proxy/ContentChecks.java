package dev.wharf.runtime.proxy;

import java.util.List;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies a request's {@link ContentCheck} to an upstream's body: the bytes pass the check as they stream to the
 * store, and once they have all arrived the companion document is fetched from the same upstream and compared, so that
 * a mismatch fails the body before the store completes and nothing is kept.
 */
final class ContentChecks {

    /** The largest companion document read. */
    static final int MAX_COMPANION_BYTES = 4096;

    private ContentChecks() {}

    /** {@code body}, failing at its end with an {@link UpstreamFailureException} when it fails the request's check. */
    static Flux<DataBuffer> checked(UpstreamClient client, UpstreamRequest request, Flux<DataBuffer> body) {
        ContentCheck check = request.check();
        if (check == null) {
            return body;
        }
        ContentCheck.Running running = check.start();
        Mono<DataBuffer> verdict = Mono.defer(() -> companion(client, request, check.companions(request.path()), 0))
                .flatMap(found -> {
                    String mismatch = running.mismatch(found.path(), found.document());
                    if (mismatch == null) {
                        return Mono.empty();
                    }
                    return Mono.error(new UpstreamFailureException(
                            "upstream '" + client.settings().name() + "' sent " + request.path() + " whose bytes "
                                    + mismatch + "; it was not kept"));
                });
        return body.doOnNext(running::update).concatWith(verdict);
    }

    /** The first of {@code paths} the upstream has, from index {@code at}; empty when it has none. */
    private static Mono<Found> companion(UpstreamClient client, UpstreamRequest request, List<String> paths, int at) {
        if (at >= paths.size()) {
            return Mono.empty();
        }
        String path = paths.get(at);
        UpstreamRequest companion = UpstreamRequest.immutable(request.name(), path, List.of(), null, null);
        String target = companion.target(client.settings(), client.protocol());
        return client.get(request.name(), target, HttpHeaders.EMPTY, response -> read(response, path))
                .flatMap(found -> found.map(Mono::just).orElseGet(() -> companion(client, request, paths, at + 1)));
    }

    private static Mono<Optional<Found>> read(ClientResponse response, String path) {
        if (response.statusCode().value() != 200) {
            return response.releaseBody().thenReturn(Optional.empty());
        }
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), MAX_COMPANION_BYTES)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return Optional.of(new Found(path, bytes));
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(Optional.of(new Found(path, new byte[0])))
                .onErrorMap(
                        DataBufferLimitException.class,
                        e -> new UpstreamFailureException(
                                "the upstream's " + path + " is longer than " + MAX_COMPANION_BYTES + " bytes"));
    }

    /** A companion document the upstream had: its path and its bytes. */
    private static final class Found {
        private final String path;
        private final byte[] document;

        Found(String path, byte[] document) {
            this.path = path;
            this.document = document;
        }

        String path() {
            return path;
        }

        byte[] document() {
            return document;
        }
    }
}
