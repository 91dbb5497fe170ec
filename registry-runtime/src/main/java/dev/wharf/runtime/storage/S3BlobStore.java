package dev.wharf.runtime.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.StatObjectResponse;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blobs in an S3 bucket, through the MinIO client: {@code <prefix>blobs/sha256/<first 2 hex>/<hex>}, uploads in
 * progress at {@code <prefix>uploads/<uuid>}.
 *
 * <p>An upload streams into a temporary object, as a multipart upload of unknown size with parts of
 * {@value #PART_SIZE} bytes sent one after the other, so at most one part per upload is held in memory; once the
 * digest is verified it is copied server-side to its key (a multipart copy above 5 GiB) and the temporary object is
 * deleted (see {@link S3Upload}). A blob is visible only once that copy completed. Reads are ranged GETs, streamed as
 * they are requested. Close the store to stop the client's threads and connections.
 */
public final class S3BlobStore implements BlobStore {

    /** The size of each part of a multipart upload, and so the memory one upload holds at most: 16 MiB. */
    public static final int PART_SIZE = 16 * 1024 * 1024;

    private static final int CHUNK = 64 * 1024;
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);

    private final S3Settings settings;
    private final S3Objects objects;
    private final DigestLocks locks = new DigestLocks();
    private final StorageMetrics metrics;
    private final S3StaleUploads staleUploads;

    /** A store in the bucket of {@code settings}, without metrics. */
    public S3BlobStore(S3Settings settings) {
        this(settings, Clock.systemUTC(), null);
    }

    /**
     * A store in the bucket of {@code settings}. Creating it does not contact S3.
     *
     * @param clock tells which temporary uploads are stale
     * @param meters where to count bytes and errors, tagged {@code store=s3}; null for nowhere
     */
    public S3BlobStore(S3Settings settings, Clock clock, @Nullable MeterRegistry meters) {
        this.settings = settings;
        this.objects = new S3Objects(S3Clients.create(settings), settings);
        this.metrics = StorageMetrics.create(meters, "s3");
        this.staleUploads = new S3StaleUploads(objects, clock);
    }

    /** Where this store keeps its blobs and how it reaches them; its {@code toString()} hides the credentials. */
    public S3Settings settings() {
        return settings;
    }

    @Override
    public Mono<StoredBlob> put(Flux<DataBuffer> content, @Nullable Digest expected, long maxBytes) {
        return Mono.defer(() -> {
                    UploadSource source = new UploadSource(content, maxBytes);
                    S3Upload upload = new S3Upload(objects, locks, metrics);
                    return BlockingWork.call(() -> upload.store(source, expected), source::cancel);
                })
                .doOnError(metrics::failed);
    }

    @Override
    public Mono<Boolean> exists(Digest digest) {
        return stat(digest).map(response -> true).defaultIfEmpty(false);
    }

    @Override
    public Mono<Long> size(Digest digest) {
        return stat(digest).map(StatObjectResponse::size);
    }

    @Override
    public Flux<DataBuffer> read(Digest digest, @Nullable ByteRange range) {
        Long length = range == null ? null : range.length();
        int chunk = length == null ? CHUNK : (int) Math.min(CHUNK, length);
        return DataBufferUtils.readInputStream(
                        () -> open(digest, range), DefaultDataBufferFactory.sharedInstance, chunk)
                .subscribeOn(BlockingWork.SCHEDULER)
                .doOnNext(buffer -> metrics.read(buffer.readableByteCount()))
                .onErrorMap(
                        e -> !(e instanceof RuntimeException),
                        e -> objects.errors().translate("read " + digest, e))
                .doOnError(metrics::failed);
    }

    @Override
    public Mono<Boolean> delete(Digest digest) {
        String key = objects.key(BlobLayout.blob(digest));
        return BlockingWork.call(() -> locks.withLock(digest, () -> {
                    if (objects.sizeNow(key, digest.toString()) < 0) {
                        return false;
                    }
                    objects.remove(key, digest.toString());
                    return true;
                }))
                .doOnError(metrics::failed);
    }

    @Override
    public Flux<Digest> list() {
        String blobs = objects.key(BlobLayout.BLOBS);
        return objects.list(blobs, "the blobs")
                .mapNotNull(item -> {
                    String rest = item.objectName().substring(blobs.length());
                    int slash = rest.indexOf('/');
                    return slash < 0 ? null : BlobLayout.digest(rest.substring(0, slash), rest.substring(slash + 1));
                })
                .subscribeOn(BlockingWork.SCHEDULER)
                .doOnError(metrics::failed);
    }

    @Override
    public Mono<Void> checkHealth() {
        return Mono.fromFuture(() -> objects.client()
                        .bucketExists(BucketExistsArgs.builder()
                                .bucket(settings.bucket())
                                .build()))
                .timeout(
                        HEALTH_TIMEOUT,
                        Mono.error(() -> new StorageException("S3 at " + settings.endpoint() + " did not answer within "
                                + HEALTH_TIMEOUT.toSeconds() + " seconds")))
                .onErrorMap(e -> objects.errors().translate("check the bucket", e))
                .flatMap(exists -> exists
                        ? Mono.<Void>empty()
                        : Mono.error(new StorageException("the bucket '" + settings.bucket() + "' does not exist at "
                                + settings.endpoint() + "; it must exist before the registry uses it")))
                .doOnError(metrics::failed);
    }

    /**
     * Removes what crashed uploads left behind: temporary objects and unfinished multipart uploads older than a day
     * under {@code <prefix>uploads/}.
     *
     * @return how many were removed
     */
    public Mono<Integer> removeStaleUploads() {
        return BlockingWork.call(staleUploads::remove).doOnError(metrics::failed);
    }

    /** Stops the client's threads and closes its connections. */
    @Override
    public void close() {
        objects.client().close();
    }

    @Override
    public String toString() {
        return "S3BlobStore[" + settings.location() + "]";
    }

    private Mono<StatObjectResponse> stat(Digest digest) {
        return objects.stat(objects.key(BlobLayout.blob(digest)), digest.toString())
                .doOnError(metrics::failed);
    }

    private InputStream open(Digest digest, @Nullable ByteRange range) {
        String key = objects.key(BlobLayout.blob(digest));
        GetObjectArgs.Builder args =
                GetObjectArgs.builder().bucket(settings.bucket()).object(key);
        if (range != null) {
            args.offset(range.offset());
            if (range.length() != null) {
                args.length(range.length());
            }
        }
        try {
            return objects.client().getObject(args.build()).join();
        } catch (RuntimeException e) {
            if (S3Errors.isNotFound(e)) {
                throw new BlobNotFoundException(digest);
            }
            if (range != null && "InvalidRange".equals(S3Errors.code(e))) {
                throw new RangeNotSatisfiableException(range, Math.max(0, objects.sizeNow(key, digest.toString())));
            }
            throw objects.errors().translate("read " + digest, e);
        }
    }
}
