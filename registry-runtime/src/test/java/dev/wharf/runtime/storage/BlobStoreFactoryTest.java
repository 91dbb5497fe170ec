package dev.wharf.runtime.storage;

import static dev.wharf.runtime.storage.TestContent.TIMEOUT;
import static dev.wharf.runtime.storage.TestContent.bytes;
import static dev.wharf.runtime.storage.TestContent.flux;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.registry.FilesystemStorage;
import dev.wharf.api.v1alpha1.registry.S3Storage;
import dev.wharf.api.v1alpha1.registry.Storage;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobStoreFactoryTest {

    private static final Storage FILESYSTEM = new Storage(new FilesystemStorage(null, null), null);

    @TempDir
    Path dataDir;

    private final S3TestBucket bucket = new S3TestBucket();
    private final Map<String, Map<String, String>> secrets = Map.of(
            "s3-creds",
            Map.of(
                    "accessKey",
                    bucket.settings().accessKey(),
                    "secretKey",
                    bucket.settings().secretKey()),
            "half-creds",
            Map.of("accessKey", bucket.settings().accessKey()));
    private final CredentialsLookup lookup = (secret, key) ->
            Optional.ofNullable(secrets.getOrDefault(secret, Map.of()).get(key));

    @AfterEach
    void removeObjects() throws Exception {
        bucket.close();
    }

    @Test
    void forRegistryWhenFilesystemShouldShareOneStoreWithBlobsUnderTheDataDir() {
        try (BlobStoreFactory factory = new BlobStoreFactory(dataDir, lookup)) {
            BlobStore npm = factory.forRegistry("npm", FILESYSTEM);
            BlobStore maven = factory.forRegistry("maven", FILESYSTEM);

            Digest digest = npm.put(flux(bytes(1, 100)), null, Long.MAX_VALUE)
                    .block(TIMEOUT)
                    .digest();

            assertThat(maven).isSameAs(npm);
            assertThat(maven.put(flux(bytes(1, 100)), null, Long.MAX_VALUE)
                            .block(TIMEOUT)
                            .created())
                    .isFalse();
            assertThat(dataDir.resolve("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex()))
                    .isRegularFile();
        }
    }

    @Test
    void forRegistryWhenS3LocationAndCredentialsAreTheSameShouldShareOneStore() {
        try (BlobStoreFactory factory = new BlobStoreFactory(dataDir, lookup)) {
            BlobStore first = factory.forRegistry("npm", s3(bucket.settings().prefix(), "s3-creds"));
            BlobStore second = factory.forRegistry("pypi", s3(bucket.settings().prefix(), "s3-creds"));
            BlobStore elsewhere = factory.forRegistry("go", s3(bucket.settings().prefix() + "go/", "s3-creds"));

            assertThat(second).isSameAs(first);
            assertThat(elsewhere).isNotSameAs(first);
            assertThat(first.put(flux(bytes(2, 100)), null, Long.MAX_VALUE)
                            .block(TIMEOUT)
                            .created())
                    .isTrue();
            assertThat(((S3BlobStore) first).settings().prefix())
                    .isEqualTo(bucket.settings().prefix());
        }
    }

    @Test
    void forRegistryWhenTheSecretLacksAKeyShouldNameTheRegistrySecretAndKey() {
        try (BlobStoreFactory factory = new BlobStoreFactory(dataDir, lookup)) {
            assertThatThrownBy(() -> factory.forRegistry("npm", s3("", "half-creds")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("registry 'npm': the Secret 'half-creds' named by spec.storage.s3.credentialsSecret"
                            + " has no key 'secretKey' (the Secret needs keys 'accessKey' and 'secretKey')");
            assertThatThrownBy(() -> factory.forRegistry("npm", s3("", "missing")))
                    .hasMessageContaining("the Secret 'missing'")
                    .hasMessageContaining("has no key 'accessKey'");
        }
    }

    @Test
    void forRegistryWhenStorageIsNotExactlyOneKindShouldRefuse() {
        Storage both = new Storage(
                new FilesystemStorage(null, null), s3("", "s3-creds").s3());
        try (BlobStoreFactory factory = new BlobStoreFactory(dataDir, lookup)) {
            assertThatThrownBy(() -> factory.forRegistry("npm", both))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("registry 'npm': spec.storage needs exactly one of filesystem or s3");
            assertThatThrownBy(() -> factory.forRegistry("npm", new Storage(null, null)))
                    .hasMessage("registry 'npm': spec.storage needs exactly one of filesystem or s3");
        }
    }

    @Test
    void forRegistryWhenTheEndpointIsUnusableShouldNameTheRegistry() {
        Storage storage = new Storage(null, new S3Storage("ftp://minio", "blobs", null, null, "s3-creds", null));
        try (BlobStoreFactory factory = new BlobStoreFactory(dataDir, lookup)) {
            assertThatThrownBy(() -> factory.forRegistry("npm", storage))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("registry 'npm': ");
        }
    }

    @Test
    void closeShouldCloseTheStoresAndRefuseNewOnes() {
        BlobStoreFactory factory = new BlobStoreFactory(dataDir, lookup);
        factory.forRegistry("npm", s3(bucket.settings().prefix(), "s3-creds"));

        factory.close();

        assertThatThrownBy(() -> factory.forRegistry("npm", FILESYSTEM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the blob stores are closed: the runtime is shutting down");
    }

    private Storage s3(String prefix, String secret) {
        S3Settings settings = bucket.settings();
        return new Storage(
                null,
                new S3Storage(
                        settings.endpoint(),
                        settings.bucket(),
                        prefix.isEmpty() ? null : prefix,
                        settings.region(),
                        secret,
                        true));
    }
}
