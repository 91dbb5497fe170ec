package dev.wharf.runtime.storage;

import static dev.wharf.runtime.storage.TestContent.TIMEOUT;
import static dev.wharf.runtime.storage.TestContent.bytes;
import static dev.wharf.runtime.storage.TestContent.flux;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract against the S3-compatible server of the test services, plus what only S3 has: the key layout, errors
 * that never show a credential, and removing what crashed uploads left.
 */
class S3BlobStoreTest extends BlobStoreContractTest {

    private S3TestBucket bucket;

    @Override
    protected BlobStore newStore(Clock clock, SimpleMeterRegistry meters) {
        bucket = new S3TestBucket();
        return new S3BlobStore(bucket.settings(), clock, meters);
    }

    @Override
    protected List<String> leftoverUploads() throws Exception {
        List<String> leftovers = new ArrayList<>(bucket.keys(BlobLayout.UPLOADS));
        leftovers.addAll(bucket.multipartUploads(BlobLayout.UPLOADS));
        return leftovers;
    }

    @Override
    protected String kind() {
        return "s3";
    }

    @AfterEach
    void removeObjects() throws Exception {
        bucket.close();
    }

    @Test
    void putShouldStoreTheBlobUnderItsDigestKey() throws Exception {
        Digest digest = store.put(flux(bytes(1, 1000)), null, Long.MAX_VALUE)
                .block(TIMEOUT)
                .digest();

        assertThat(bucket.keys(""))
                .containsExactly(bucket.settings().prefix() + "blobs/sha256/"
                        + digest.hex().substring(0, 2) + "/" + digest.hex());
    }

    @Test
    void failuresWhenTheSecretKeyIsWrongShouldSaySoWithoutShowingIt() {
        String secret = "wrong-secret-" + UUID.randomUUID();
        S3Settings good = bucket.settings();
        S3Settings wrong = new S3Settings(
                good.endpoint(), good.bucket(), good.prefix(), good.region(), true, good.accessKey(), secret);

        try (S3BlobStore refused = new S3BlobStore(wrong)) {
            List<Throwable> failures = List.of(
                    failure(() -> refused.put(flux(bytes(2, 100)), null, Long.MAX_VALUE)
                            .block(TIMEOUT)),
                    failure(() -> refused.put(TestContent.generated(2, 17L * 1024 * 1024), null, Long.MAX_VALUE)
                            .block(TIMEOUT)),
                    failure(() ->
                            refused.exists(TestContent.digestOf(bytes(3, 10))).block(TIMEOUT)),
                    failure(() -> TestContent.collect(refused.read(TestContent.digestOf(bytes(3, 10)), null))),
                    failure(() -> refused.list().blockLast(TIMEOUT)),
                    failure(() -> refused.checkHealth().block(TIMEOUT)));

            assertThat(failures).allSatisfy(failure -> {
                assertThat(failure).isInstanceOf(StorageException.class);
                assertThat(stackTrace(failure)).doesNotContain(secret);
            });
            assertThat(failures.get(0))
                    .hasMessageStartingWith("S3 refused to store an upload in " + good.location() + ": ")
                    .hasMessageContaining("check the access key and secret key");
            assertThat(wrong.toString()).doesNotContain(secret);
        }
    }

    @Test
    void failuresWhenTheAccessKeyIsUnknownShouldSaySoWithoutShowingIt() {
        String accessKey = "unknown-key-" + UUID.randomUUID();
        S3Settings good = bucket.settings();
        S3Settings wrong = new S3Settings(
                good.endpoint(), good.bucket(), good.prefix(), good.region(), true, accessKey, good.secretKey());

        try (S3BlobStore refused = new S3BlobStore(wrong)) {
            Throwable failure = failure(
                    () -> refused.put(flux(bytes(4, 100)), null, Long.MAX_VALUE).block(TIMEOUT));

            assertThat(failure)
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("check the access key and secret key");
            assertThat(stackTrace(failure)).doesNotContain(accessKey).doesNotContain(good.secretKey());
        }
    }

    @Test
    void checkHealthWhenTheBucketIsMissingShouldSaySo() {
        S3Settings good = bucket.settings();
        String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);
        S3Settings settings =
                new S3Settings(good.endpoint(), missing, "", good.region(), true, good.accessKey(), good.secretKey());

        try (S3BlobStore unready = new S3BlobStore(settings)) {
            assertThatThrownBy(() -> unready.checkHealth().block(TIMEOUT))
                    .isInstanceOf(StorageException.class)
                    .hasMessage("the bucket '" + missing + "' does not exist at " + good.endpoint()
                            + "; it must exist before the registry uses it");
        }
    }

    @Test
    void checkHealthWhenS3IsUnreachableShouldSaySo() {
        S3Settings good = bucket.settings();
        S3Settings settings = new S3Settings(
                "http://127.0.0.1:9", good.bucket(), "", good.region(), true, good.accessKey(), good.secretKey());

        try (S3BlobStore unready = new S3BlobStore(settings)) {
            assertThatThrownBy(() -> unready.checkHealth().block(TIMEOUT))
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("could not reach S3 to check the bucket in http://127.0.0.1:9/");
        }
    }

    @Test
    void removeStaleUploadsShouldRemoveOnlyTemporaryDataOlderThanADay() throws Exception {
        bucket.put("uploads/" + UUID.randomUUID(), bytes(5, 100));
        bucket.startMultipartUpload("uploads/" + UUID.randomUUID());
        Digest kept = store.put(flux(bytes(6, 100)), null, Long.MAX_VALUE)
                .block(TIMEOUT)
                .digest();

        assertThat(((S3BlobStore) store).removeStaleUploads().block(TIMEOUT)).isZero();
        assertThat(leftoverUploads()).hasSize(2);

        try (S3BlobStore dayLater =
                new S3BlobStore(bucket.settings(), Clock.offset(Clock.systemUTC(), Duration.ofDays(2)), null)) {
            assertThat(dayLater.removeStaleUploads().block(TIMEOUT)).isEqualTo(2);
        }
        assertThat(leftoverUploads()).isEmpty();
        assertThat(store.exists(kept).block(TIMEOUT)).isTrue();
    }

    private static Throwable failure(Runnable call) {
        try {
            call.run();
        } catch (Throwable e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
