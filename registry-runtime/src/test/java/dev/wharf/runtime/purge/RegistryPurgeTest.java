package dev.wharf.runtime.purge;

import dev.wharf.api.v1alpha1.registry.FilesystemStorage;
import dev.wharf.api.v1alpha1.registry.S3Storage;
import dev.wharf.api.v1alpha1.registry.Storage;
import java.util.UUID;
import org.junit.jupiter.api.Nested;

/**
 * The purge on each metadata database (embedded H2, the test services' PostgreSQL) and each blob store (filesystem,
 * the test services' S3Proxy).
 */
class RegistryPurgeTest {

    private static Storage filesystem() {
        return new Storage(new FilesystemStorage(null, null), null);
    }

    private static Storage s3() {
        return new Storage(
                null,
                new S3Storage(
                        PurgeDatabase.env("WHARF_TEST_S3_ENDPOINT"),
                        PurgeDatabase.env("WHARF_TEST_S3_BUCKET"),
                        "purge-tests/" + UUID.randomUUID() + "/",
                        PurgeDatabase.env("WHARF_TEST_S3_REGION"),
                        SharedStorage.S3_SECRET,
                        true));
    }

    @Nested
    class OnH2AndFilesystem extends RegistryPurgeContract {
        @Override
        PurgeDatabase database() {
            return PurgeDatabase.h2();
        }

        @Override
        Storage storage() {
            return filesystem();
        }
    }

    @Nested
    class OnH2AndS3 extends RegistryPurgeContract {
        @Override
        PurgeDatabase database() {
            return PurgeDatabase.h2();
        }

        @Override
        Storage storage() {
            return s3();
        }
    }

    @Nested
    class OnPostgresAndFilesystem extends RegistryPurgeContract {
        @Override
        PurgeDatabase database() {
            return PurgeDatabase.postgres();
        }

        @Override
        Storage storage() {
            return filesystem();
        }
    }

    @Nested
    class OnPostgresAndS3 extends RegistryPurgeContract {
        @Override
        PurgeDatabase database() {
            return PurgeDatabase.postgres();
        }

        @Override
        Storage storage() {
            return s3();
        }
    }
}
