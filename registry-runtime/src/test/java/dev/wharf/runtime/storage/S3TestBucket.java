package dev.wharf.runtime.storage;

import static org.assertj.core.api.Assertions.fail;

import io.minio.CreateMultipartUploadArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The S3-compatible server the test services script runs (S3Proxy), read from the {@code WHARF_TEST_S3_*} variables;
 * each store of a test run gets its own key prefix. Also looks at the bucket directly, past the store.
 */
final class S3TestBucket implements AutoCloseable {

    private static final String RUN = UUID.randomUUID().toString();
    private static final AtomicInteger STORES = new AtomicInteger();

    private final S3Settings settings;
    private final MinioAsyncClient client;

    S3TestBucket() {
        this.settings = new S3Settings(
                env("WHARF_TEST_S3_ENDPOINT"),
                env("WHARF_TEST_S3_BUCKET"),
                "storage-tests/" + RUN + "/" + STORES.incrementAndGet() + "/",
                env("WHARF_TEST_S3_REGION"),
                true,
                env("WHARF_TEST_S3_ACCESS_KEY"),
                env("WHARF_TEST_S3_SECRET_KEY"));
        this.client = S3Clients.create(settings);
    }

    /** Settings for a fresh prefix of the test bucket. */
    S3Settings settings() {
        return settings;
    }

    /** The keys under this prefix. */
    List<String> keys(String under) throws MinioException {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder()
                .bucket(settings.bucket())
                .prefix(settings.prefix() + under)
                .recursive(true)
                .build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }

    /** The unfinished multipart uploads under this prefix. */
    List<String> multipartUploads(String under) {
        return client
                .listMultipartUploads(ListMultipartUploadsArgs.builder()
                        .bucket(settings.bucket())
                        .prefix(settings.prefix() + under)
                        .build())
                .join()
                .result()
                .uploads()
                .stream()
                .map(upload -> upload.objectName() + "?uploadId=" + upload.uploadId())
                .toList();
    }

    /** Writes an object under this prefix, past the store. */
    void put(String key, byte[] content) {
        client.putObject(PutObjectArgs.builder()
                        .bucket(settings.bucket())
                        .object(settings.prefix() + key)
                        .data(content, content.length)
                        .build())
                .join();
    }

    /** Starts a multipart upload under this prefix and leaves it unfinished, as a crash would. */
    void startMultipartUpload(String key) {
        client.createMultipartUpload(CreateMultipartUploadArgs.builder()
                        .bucket(settings.bucket())
                        .object(settings.prefix() + key)
                        .build())
                .join();
    }

    /** Removes everything under this prefix. */
    @Override
    public void close() throws MinioException {
        try {
            for (String key : keys("")) {
                client.removeObject(RemoveObjectArgs.builder()
                                .bucket(settings.bucket())
                                .object(key)
                                .build())
                        .join();
            }
        } catch (CompletionException e) {
            // Leftovers under a unique prefix do not disturb other runs.
        } finally {
            client.close();
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail("the S3 tests need " + name + ": run `scripts/test-services start` and then"
                    + " `eval \"$(scripts/test-services env)\"` in this shell (scripts/test does both)");
        }
        return value;
    }
}
