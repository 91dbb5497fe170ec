package dev.wharf.runtime.proxy;

import dev.wharf.runtime.storage.S3BlobStore;
import dev.wharf.runtime.storage.S3Settings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/** The streamed miss with the store the test services' S3-compatible server holds. */
class StreamedObjectToS3Test extends StreamedObjectTest {

    @Override
    EngineFixture newFixture(Path dir) {
        S3Settings settings = new S3Settings(
                env("WHARF_TEST_S3_ENDPOINT"),
                env("WHARF_TEST_S3_BUCKET"),
                "proxy-tests/" + UUID.randomUUID() + "/",
                env("WHARF_TEST_S3_REGION"),
                true,
                env("WHARF_TEST_S3_ACCESS_KEY"),
                env("WHARF_TEST_S3_SECRET_KEY"));
        return new EngineFixture(dir, new S3BlobStore(settings));
    }

    private static String env(String name) {
        return Objects.requireNonNull(System.getenv(name), name + " is not set: eval \"$(scripts/test-services env)\"");
    }
}
