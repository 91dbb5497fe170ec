package dev.wharf.runtime.api;

import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.storage.BlobStore;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes sure a store holds the blobs of some files, streaming each one it lacks from another store and verifying it
 * against its digest on the way in. Registries sharing a store need nothing copied.
 */
final class BlobTransfer {

    private BlobTransfer() {}

    /**
     * Copies the blobs of {@code files} that {@code target} lacks from {@code source}, one at a time.
     *
     * @return how many blobs were copied
     */
    @SuppressWarnings("ReferenceEquality") // one store instance is one set of blobs; equal settings share an instance
    static Mono<Long> copy(BlobStore source, BlobStore target, List<FileRecord> files) {
        if (source == target) {
            return Mono.just(0L);
        }
        return Flux.fromIterable(files)
                .distinct(FileRecord::digest)
                .concatMap(file -> target.exists(file.digest())
                        .filter(exists -> !exists)
                        .flatMap(missing ->
                                target.put(source.read(file.digest(), null), file.digest(), file.sizeBytes())))
                .count();
    }
}
