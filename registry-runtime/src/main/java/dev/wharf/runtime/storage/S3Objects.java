package dev.wharf.runtime.storage;

import io.minio.ComposeObjectArgs;
import io.minio.CopyObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The objects of one S3 store, for the classes of the S3 store: keys under its prefix, and the MinIO calls they share
 * with their failures turned into {@link StorageException}s. Blocking methods wait for S3; call them off event loops.
 */
final class S3Objects {

    private static final Logger LOG = LoggerFactory.getLogger(S3Objects.class);

    private final MinioAsyncClient client;
    private final String bucket;
    private final String prefix;
    private final S3Errors errors;

    S3Objects(MinioAsyncClient client, S3Settings settings) {
        this.client = client;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        this.errors = new S3Errors(settings);
    }

    MinioAsyncClient client() {
        return client;
    }

    String bucket() {
        return bucket;
    }

    S3Errors errors() {
        return errors;
    }

    /** The key of a path of the {@link BlobLayout}. */
    String key(String path) {
        return prefix + path;
    }

    /** Waits for a request; a failure becomes a {@link StorageException} saying what failed to {@code action}. */
    <T> T call(String action, Supplier<CompletableFuture<T>> request) {
        try {
            return request.get().join();
        } catch (RuntimeException e) {
            throw errors.translate(action, e);
        }
    }

    /** The metadata of an object; empty when there is none. */
    Mono<StatObjectResponse> stat(String key, String what) {
        return Mono.fromFuture(() -> client.statObject(
                        StatObjectArgs.builder().bucket(bucket).object(key).build()))
                .onErrorResume(S3Errors::isNotFound, e -> Mono.empty())
                .onErrorMap(e -> errors.translate("look up " + what, e));
    }

    /** The size of an object, or -1 when there is none; blocks. */
    long sizeNow(String key, String what) {
        try {
            return client.statObject(
                            StatObjectArgs.builder().bucket(bucket).object(key).build())
                    .join()
                    .size();
        } catch (RuntimeException e) {
            if (S3Errors.isNotFound(e)) {
                return -1;
            }
            throw errors.translate("look up " + what, e);
        }
    }

    /** Removes an object (whether or not it exists); blocks. */
    void remove(String key, String what) {
        call(
                "delete " + what,
                () -> client.removeObject(
                        RemoveObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /** Removes an object, logging rather than throwing a failure; blocks. */
    void removeQuietly(String key, String what) {
        try {
            remove(key, what);
        } catch (StorageException e) {
            LOG.warn("could not remove {}; stale uploads are removed later: {}", key, e.getMessage());
        }
    }

    /** Copies an object of {@code size} bytes server-side; blocks. */
    void copy(String from, String to, long size, String what) {
        SourceObject source = SourceObject.builder().bucket(bucket).object(from).build();
        String action = "copy " + what + " into place";
        if (size <= ObjectWriteArgs.MAX_PART_SIZE) {
            call(
                    action,
                    () -> client.copyObject(CopyObjectArgs.builder()
                            .bucket(bucket)
                            .object(to)
                            .source(source)
                            .build()));
        } else {
            // One copy is limited to 5 GiB; composeObject copies larger objects in parts. It writes into the list of
            // sources, which must therefore be mutable.
            List<SourceObject> sources = new ArrayList<>(List.of(source));
            call(
                    action,
                    () -> client.composeObject(ComposeObjectArgs.builder()
                            .bucket(bucket)
                            .object(to)
                            .sources(sources)
                            .build()));
        }
    }

    /** The objects under a key prefix, fetched page by page as they are requested; blocks while fetching. */
    Flux<Item> list(String keyPrefix, String what) {
        return Flux.defer(() -> Flux.fromIterable(client.listObjects(ListObjectsArgs.builder()
                        .bucket(bucket)
                        .prefix(keyPrefix)
                        .recursive(true)
                        .build())))
                .map(result -> item(result, what));
    }

    private Item item(Result<Item> result, String what) {
        try {
            return result.get();
        } catch (MinioException e) {
            throw errors.translate("list " + what, e);
        }
    }
}
