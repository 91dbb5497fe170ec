package dev.wharf.runtime.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.runtime.storage.Digest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
import reactor.core.scheduler.Schedulers;

/**
 * The mutable documents upstreams served (as their format's transform made them), in memory up to a total size; the
 * least used go first. A document is served until {@code maxStale} past its TTL, then forgotten. {@link
 * PersistedDocuments} keeps them across restarts.
 */
final class DocumentCache {

    private static final int ENTRY_OVERHEAD = 512;
    private static final int MAX_PATHS = 100_000;
    private static final int MAX_VARIANTS = 8;

    private final Cache<CacheKey, CachedDocument> documents;
    /** The keys each path was cached under, one per {@code Accept} list, the latest last. */
    private final Cache<PathKey, List<CacheKey>> variants =
            Caffeine.newBuilder().maximumSize(MAX_PATHS).build();

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
        variants.asMap().compute(PathKey.of(key), (path, keys) -> {
            List<CacheKey> updated = new ArrayList<>(keys == null ? List.of() : keys);
            updated.remove(key);
            updated.add(key);
            return List.copyOf(updated.subList(Math.max(0, updated.size() - MAX_VARIANTS), updated.size()));
        });
    }

    /** The documents cached for the path of {@code key} under any {@code Accept} list and within their TTL. */
    List<CachedDocument> fresh(CacheKey key) {
        List<CacheKey> keys = variants.getIfPresent(PathKey.of(key));
        if (keys == null) {
            return List.of();
        }
        List<CachedDocument> fresh = new ArrayList<>();
        for (CacheKey variant : keys) {
            CachedDocument document = documents.getIfPresent(variant);
            if (document != null && document.fresh(clock.instant())) {
                fresh.add(document);
            }
        }
        return fresh;
    }

    /** A path of a Registry, whatever the {@code Accept} list. */
    private record PathKey(long registryId, String path) {

        static PathKey of(CacheKey key) {
            return new PathKey(key.registryId(), key.path());
        }
    }

    void invalidate(CacheKey key) {
        documents.invalidate(key);
    }

    /**
     * Reads a 200 response into a document, refusing one larger than the limit, and makes of it what the request's
     * transform makes (off the event loop, unless it is the identity).
     */
    Mono<CachedDocument> read(
            UpstreamClient client, UpstreamRequest request, ClientResponse response, CacheLimits limits) {
        UpstreamSettings upstream = client.settings();
        String path = request.path();
        int status = response.statusCode().value();
        if (status != 200) {
            return response.releaseBody()
                    .then(Mono.error(new UpstreamFailureException("upstream '" + upstream.name() + "' answered "
                            + status + " to GET " + path + " without being asked whether it changed")));
        }
        HttpHeaders headers = client.protocol().kept(response.headers().asHttpHeaders());
        DocumentTransform transform = request.transform();
        DocumentTransform.Source source = new DocumentTransform.Source(
                upstream.name(), UpstreamRequest.uri(upstream, request.target(upstream, client.protocol())), headers);
        Mono<byte[]> bytes = DataBufferUtils.join(
                        response.body(BodyExtractors.toDataBuffers()), limits.maxDocumentBytes())
                .onErrorMap(
                        DataBufferLimitException.class,
                        e -> new UpstreamFailureException("upstream '"
                                + upstream.name() + "' sent a document larger than " + limits.maxDocumentBytes()
                                + " bytes for " + path + ", the most kept in memory"))
                .map(buffer -> {
                    try {
                        byte[] read = new byte[buffer.readableByteCount()];
                        buffer.read(read);
                        return read;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0]);
        Mono<byte[]> made = DocumentTransform.IDENTITY.equals(transform)
                ? bytes
                : bytes.publishOn(Schedulers.boundedElastic())
                        .map(document -> transformed(source, document, transform));
        return made.map(document -> new CachedDocument(
                upstream.name(),
                transform.key(),
                document,
                sha256(document),
                headers,
                clock.instant(),
                upstream.metadataTtl(),
                upstream.maxStale()));
    }

    private static byte[] transformed(DocumentTransform.Source source, byte[] document, DocumentTransform transform) {
        try {
            return transform.apply(source, document);
        } catch (RuntimeException e) {
            throw new UpstreamFailureException(
                    "the document upstream '" + source.upstream() + "' served for " + source.url() + " cannot be read: "
                            + e.getMessage(),
                    e);
        }
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

    static Digest sha256(byte[] bytes) {
        try {
            return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
