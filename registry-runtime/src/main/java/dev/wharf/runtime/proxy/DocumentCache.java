package dev.wharf.runtime.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.runtime.storage.Digest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The mutable documents upstreams served, in memory up to a total size; the least used go first. A document is
 * served until {@code maxStale} past its TTL, then forgotten.
 */
final class DocumentCache {

    private static final int ENTRY_OVERHEAD = 512;

    private final Cache<CacheKey, CachedDocument> documents;
    private final Clock clock;

    /** A document and how it was served. */
    record Served(CachedDocument document, CacheOutcome outcome) {}

    DocumentCache(long maxBytes, Clock clock) {
        this.documents = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey key, CachedDocument document) -> document.bytes().length + ENTRY_OVERHEAD)
                .build();
        this.clock = clock;
    }

    /** The document, fresh or stale; null when none is cached or it is past {@code maxStale}. */
    @Nullable CachedDocument get(CacheKey key) {
        CachedDocument document = documents.getIfPresent(key);
        if (document != null && !document.servable(clock.instant())) {
            documents.invalidate(key);
            return null;
        }
        return document;
    }

    void put(CacheKey key, CachedDocument document) {
        documents.put(key, document);
    }

    void invalidate(CacheKey key) {
        documents.invalidate(key);
    }

    /** Reads a 200 response into a document, refusing one larger than the limit. */
    Mono<CachedDocument> read(UpstreamSettings upstream, String path, ClientResponse response, CacheLimits limits) {
        int status = response.statusCode().value();
        if (status != 200) {
            return response.releaseBody()
                    .then(Mono.error(new UpstreamFailureException("upstream '" + upstream.name() + "' answered "
                            + status + " to GET " + path + " without being asked whether it changed")));
        }
        HttpHeaders headers = UpstreamEngine.kept(response.headers().asHttpHeaders());
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), limits.maxDocumentBytes())
                .onErrorMap(
                        DataBufferLimitException.class,
                        e -> new UpstreamFailureException("upstream '"
                                + upstream.name() + "' sent a document larger than " + limits.maxDocumentBytes()
                                + " bytes for " + path + ", the most kept in memory"))
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return new CachedDocument(
                                upstream.name(),
                                bytes,
                                sha256(bytes),
                                headers,
                                clock.instant(),
                                upstream.metadataTtl(),
                                upstream.maxStale());
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new CachedDocument(
                        upstream.name(),
                        new byte[0],
                        sha256(new byte[0]),
                        headers,
                        clock.instant(),
                        upstream.metadataTtl(),
                        upstream.maxStale()));
    }

    /** The conditions that let the upstream answer 304 when the document has not changed. */
    static HttpHeaders conditions(CachedDocument document) {
        HttpHeaders conditions = new HttpHeaders();
        String etag = document.etag();
        if (etag != null) {
            conditions.set(HttpHeaders.IF_NONE_MATCH, etag);
        }
        String lastModified = document.lastModified();
        if (lastModified != null) {
            conditions.set(HttpHeaders.IF_MODIFIED_SINCE, lastModified);
        }
        return conditions;
    }

    /** The document's bytes as a body; each subscription gets its own buffer over the shared, unchanging bytes. */
    static Flux<DataBuffer> body(CachedDocument document) {
        return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(document.bytes())));
    }

    private static Digest sha256(byte[] bytes) {
        try {
            return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
