package dev.wharf.runtime.proxy;

import dev.wharf.runtime.storage.Digest;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * A mutable document an upstream served, as its format's transform made it, kept in memory and in the database.
 *
 * @param upstream the UpstreamProxy that served it
 * @param transformKey the {@link DocumentTransform#key} of the transform that made {@code bytes}
 * @param bytes its bytes as transformed; never changed
 * @param digest their sha256
 * @param headers the kept headers of the response
 * @param checkedAt when the upstream last served it or said it had not changed
 * @param ttl how long after {@code checkedAt} it is served without asking again
 * @param maxStale how long past its TTL it may be served while no upstream can answer
 */
@SuppressWarnings("ArrayRecordComponent") // the bytes are never changed, and equality is never asked
record CachedDocument(
        String upstream,
        String transformKey,
        byte[] bytes,
        Digest digest,
        HttpHeaders headers,
        Instant checkedAt,
        Duration ttl,
        Duration maxStale) {

    /** Whether it is within its TTL. */
    boolean fresh(Instant now) {
        return now.isBefore(checkedAt.plus(ttl));
    }

    /** Whether it may still be served, stale, while no upstream can answer. */
    boolean servable(Instant now) {
        return now.isBefore(checkedAt.plus(ttl).plus(maxStale));
    }

    /** How long it is kept in memory from now. */
    Duration keptFor(Instant now) {
        Duration left = Duration.between(now, checkedAt.plus(ttl).plus(maxStale));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The same document, which the upstream said at {@code now} has not changed. */
    CachedDocument revalidated(Instant now) {
        return new CachedDocument(upstream, transformKey, bytes, digest, headers, now, ttl, maxStale);
    }

    /** Whether {@code transform} (as it is now) made it. */
    boolean madeBy(DocumentTransform transform) {
        return transformKey.equals(transform.key());
    }

    /** The {@code ETag} to send as {@code If-None-Match}; null when the upstream gave none. */
    @Nullable String etag() {
        return headers.getFirst(HttpHeaders.ETAG);
    }

    /** The {@code Last-Modified} to send as {@code If-Modified-Since}; null when the upstream gave none. */
    @Nullable String lastModified() {
        return headers.getFirst(HttpHeaders.LAST_MODIFIED);
    }
}
