package dev.wharf.runtime.proxy;

import dev.wharf.runtime.metadata.MetadataDatabase;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The mutable documents of {@link DocumentCache} kept in table {@code proxy_document}, so that they survive a restart
 * and are shared by the replicas on one database: written when an upstream serves a document anew, its check time
 * moved when the upstream says it has not changed, read when memory has no copy. The table is kept within a total
 * size: documents past {@code maxStale} go first, then those checked longest ago. A failure of the database never
 * fails a request: the document is served from memory and the failure logged.
 */
final class PersistedDocuments {

    private static final Logger LOG = LoggerFactory.getLogger(PersistedDocuments.class);
    private static final int MAX_PATH = 1000;
    private static final int MAX_HEADERS = 16384;
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() {};

    private static final String FIND = "SELECT upstream, transform_key, headers, content, checked_at"
            + " FROM proxy_document WHERE registry_id = :registry AND cache_key = :key";
    private static final String UPDATE = "UPDATE proxy_document SET path = :path, upstream = :upstream,"
            + " transform_key = :transform, headers = :headers, content = :content, size_bytes = :size,"
            + " checked_at = :checked, servable_until = :until WHERE registry_id = :registry AND cache_key = :key";
    private static final String INSERT = "INSERT INTO proxy_document (registry_id, cache_key, path, upstream,"
            + " transform_key, headers, content, size_bytes, checked_at, servable_until) VALUES (:registry, :key,"
            + " :path, :upstream, :transform, :headers, :content, :size, :checked, :until)";
    private static final String TOUCH = "UPDATE proxy_document SET checked_at = :checked, servable_until = :until"
            + " WHERE registry_id = :registry AND cache_key = :key AND upstream = :upstream";
    private static final String DELETE =
            "DELETE FROM proxy_document WHERE registry_id = :registry AND cache_key = :key";
    private static final String TOTAL = "SELECT COALESCE(SUM(size_bytes), 0) AS total FROM proxy_document";
    private static final String DELETE_UNSERVABLE = "DELETE FROM proxy_document WHERE servable_until < :now";
    private static final String OLDEST =
            "SELECT registry_id, cache_key, size_bytes FROM proxy_document ORDER BY checked_at, cache_key";

    private final DatabaseClient client;
    private final long maxBytes;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    PersistedDocuments(MetadataDatabase database, long maxBytes, Clock clock) {
        this.client = database.client();
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * The document kept for {@code key}, when {@code transform} made it, the upstream that served it is still one of
     * {@code upstreams} (whose current TTL and {@code maxStale} then apply) and it may still be served; empty otherwise
     * or when the database cannot be read.
     */
    Mono<CachedDocument> find(CacheKey key, DocumentTransform transform, List<UpstreamClient> upstreams) {
        return client.sql(FIND)
                .bind("registry", key.registryId())
                .bind("key", hash(key))
                .map(row -> document(row, upstreams))
                .one()
                .flatMap(Mono::justOrEmpty)
                .filter(document -> document.madeBy(transform) && document.servable(clock.instant()))
                .onErrorResume(e -> {
                    LOG.warn("Cannot read the kept copy of {}: {}", key.path(), e.getMessage());
                    return Mono.empty();
                });
    }

    private Optional<CachedDocument> document(Readable row, List<UpstreamClient> upstreams) {
        String upstream = text(row, "upstream");
        UpstreamSettings settings = upstreams.stream()
                .map(UpstreamClient::settings)
                .filter(candidate -> candidate.name().equals(upstream))
                .findFirst()
                .orElse(null);
        if (settings == null) {
            return Optional.empty();
        }
        byte[] bytes = bytes(row.get("content"));
        OffsetDateTime checked = row.get("checked_at", OffsetDateTime.class);
        if (checked == null) {
            throw new IllegalStateException("the column checked_at is null");
        }
        return Optional.of(new CachedDocument(
                upstream,
                text(row, "transform_key"),
                bytes,
                DocumentCache.sha256(bytes),
                headers(text(row, "headers")),
                checked.toInstant(),
                settings.metadataTtl(),
                settings.maxStale()));
    }

    /**
     * Keeps what a refresh served: a new document whole, a revalidated one by its check time; nothing for a stale one.
     */
    Mono<Void> keep(CacheKey key, DocumentCache.Served served) {
        Mono<Void> kept = switch (served.outcome()) {
            case MISS -> save(key, served.document());
            case HIT -> touch(key, served.document());
            case STALE -> Mono.empty();
        };
        return kept.onErrorResume(e -> {
            LOG.warn(
                    "Cannot keep the copy of {} from upstream {}: {}",
                    key.path(),
                    served.document().upstream(),
                    e.getMessage());
            return Mono.empty();
        });
    }

    /** Forgets the document of {@code key}, which no upstream has any more. */
    Mono<Void> forget(CacheKey key) {
        return client.sql(DELETE)
                .bind("registry", key.registryId())
                .bind("key", hash(key))
                .fetch()
                .rowsUpdated()
                .then()
                .onErrorResume(e -> {
                    LOG.warn("Cannot forget the kept copy of {}: {}", key.path(), e.getMessage());
                    return Mono.empty();
                });
    }

    private Mono<Void> save(CacheKey key, CachedDocument document) {
        String headers = json(document.headers());
        if (headers.length() > MAX_HEADERS) {
            LOG.info(
                    "Not keeping {} from upstream {}: its headers are longer than {}",
                    key.path(),
                    document.upstream(),
                    MAX_HEADERS);
            return Mono.empty();
        }
        return bind(client.sql(UPDATE), key, document, headers)
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated > 0
                        ? Mono.empty()
                        : bind(client.sql(INSERT), key, document, headers)
                                .fetch()
                                .rowsUpdated()
                                // Another replica kept it first; the next refresh writes over it.
                                .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(0L))
                                .then())
                .then(prune());
    }

    private DatabaseClient.GenericExecuteSpec bind(
            DatabaseClient.GenericExecuteSpec spec, CacheKey key, CachedDocument document, String headers) {
        String path = key.path().length() > MAX_PATH ? key.path().substring(0, MAX_PATH) : key.path();
        return spec.bind("registry", key.registryId())
                .bind("key", hash(key))
                .bind("path", path)
                .bind("upstream", document.upstream())
                .bind("transform", document.transformKey())
                .bind("headers", headers)
                .bind("content", document.bytes())
                .bind("size", (long) document.bytes().length)
                .bind("checked", time(document.checkedAt()))
                .bind("until", time(servableUntil(document)));
    }

    private Mono<Void> touch(CacheKey key, CachedDocument document) {
        return client.sql(TOUCH)
                .bind("registry", key.registryId())
                .bind("key", hash(key))
                .bind("upstream", document.upstream())
                .bind("checked", time(document.checkedAt()))
                .bind("until", time(servableUntil(document)))
                .fetch()
                .rowsUpdated()
                // Pruned meanwhile (or kept by a replica that then lost it): keep it whole again.
                .flatMap(updated -> updated > 0 ? Mono.empty() : save(key, document));
    }

    /** Deletes documents past {@code maxStale}, then the longest unchecked, while the table holds too much. */
    private Mono<Void> prune() {
        return total().flatMap(total -> {
            if (total <= maxBytes) {
                return Mono.empty();
            }
            return client.sql(DELETE_UNSERVABLE)
                    .bind("now", time(clock.instant()))
                    .fetch()
                    .rowsUpdated()
                    .then(total())
                    .flatMap(left -> left <= maxBytes ? Mono.empty() : deleteOldest(left - maxBytes));
        });
    }

    private Mono<Void> deleteOldest(long excess) {
        long[] freed = {0};
        return client.sql(OLDEST)
                .map(row -> new Row(number(row, "registry_id"), text(row, "cache_key"), number(row, "size_bytes")))
                .all()
                .takeUntil(row -> (freed[0] += row.size()) >= excess)
                .concatMap(row -> client.sql(DELETE)
                        .bind("registry", row.registryId())
                        .bind("key", row.cacheKey())
                        .fetch()
                        .rowsUpdated())
                .then();
    }

    private record Row(long registryId, String cacheKey, long size) {}

    private Mono<Long> total() {
        return client.sql(TOTAL).map(row -> number(row, "total")).one().defaultIfEmpty(0L);
    }

    private static Instant servableUntil(CachedDocument document) {
        return document.checkedAt().plus(document.ttl()).plus(document.maxStale());
    }

    private String json(HttpHeaders headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.forEach(map::put);
        return json.writeValueAsString(map);
    }

    private HttpHeaders headers(String text) {
        HttpHeaders headers = new HttpHeaders();
        json.readValue(text, HEADERS).forEach(headers::put);
        return HttpHeaders.readOnlyHttpHeaders(headers);
    }

    /** The key's kind, path and Accept list as one fixed-length value. */
    static String hash(CacheKey key) {
        String whole = key.kind() + "\n" + key.path() + "\n" + key.accept()
                + (key.transform().isEmpty() ? "" : "\n" + key.transform());
        return DocumentCache.sha256(whole.getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static byte[] bytes(@Nullable Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new IllegalStateException("the column content holds "
                + (value == null ? "null" : "a " + value.getClass().getName()) + ", not bytes");
    }

    private static String text(Readable row, String column) {
        String value = row.get(column, String.class);
        if (value == null) {
            throw new IllegalStateException("the column " + column + " is null");
        }
        return value;
    }

    private static long number(Readable row, String column) {
        Object value = row.get(column);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("the column " + column + " holds " + value + ", not a number");
    }
}
