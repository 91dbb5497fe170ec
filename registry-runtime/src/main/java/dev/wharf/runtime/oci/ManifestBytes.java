package dev.wharf.runtime.oci;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.Digest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;

/**
 * The bytes of recently pulled manifests, kept in memory: a manifest is pulled far more often than anything else, is
 * small, and its bytes never change for its digest, so a copy here is always right. The metadata database still says
 * on every pull whether the manifest exists; only reading its bytes from storage is saved.
 */
final class ManifestBytes {

    /** Larger manifests (rare: big indexes) are read from storage each time. */
    static final int MAX_CACHED = 64 * 1024;

    private static final long MAX_TOTAL = 16L * 1024 * 1024;

    private final Cache<Digest, byte[]> cache = CacheBuilder.newBuilder()
            .maximumWeight(MAX_TOTAL)
            .<Digest, byte[]>weigher((digest, bytes) -> bytes.length)
            .build();

    /** The manifest's bytes as one buffer, from memory when they are there, else read from {@code store}. */
    Flux<DataBuffer> read(BlobStore store, Digest digest, long size) {
        if (size > MAX_CACHED) {
            return store.read(digest, null);
        }
        byte[] cached = cache.getIfPresent(digest);
        if (cached != null) {
            return Flux.just(ManifestPushes.wrap(cached));
        }
        return DataBufferUtils.join(store.read(digest, null))
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    cache.put(digest, bytes);
                    return ManifestPushes.wrap(bytes);
                })
                .flux();
    }

    /** Whether the bytes of {@code digest} are held. */
    boolean holds(Digest digest) {
        return cache.getIfPresent(digest) != null;
    }
}
