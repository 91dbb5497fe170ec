package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The repositories over one test database, with helpers; tests share it within a test class, so each test works in
 * registries of its own.
 */
final class Metadata implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final TestDatabase testDatabase;
    final MetadataDatabase database;
    final TestClock clock = new TestClock();
    final AuditTrail audit;
    final Registries registries;
    final Packages packages;
    final Versions versions;
    final Files files;
    final Tags tags;
    final FileLookup lookup;
    final SharedKeys keys;
    final MetadataEntries entries;
    final ApiTokenRepository tokens;

    Metadata(TestDatabase testDatabase) {
        this.testDatabase = testDatabase;
        this.database = MetadataDatabase.open(testDatabase.settings());
        this.audit = new AuditTrail(database);
        this.registries = new Registries(database, clock);
        this.packages = new Packages(database, audit, clock, AllFormatRows.none());
        this.versions = new Versions(database, audit, clock, AllFormatRows.none());
        this.files = new Files(database, audit, clock);
        this.tags = new Tags(database, clock);
        this.lookup = new FileLookup(database);
        this.keys = new SharedKeys(database, clock);
        this.entries = new MetadataEntries(database, clock);
        this.tokens = new ApiTokenRepository(database, clock);
    }

    /** A registry no other test uses. */
    RegistryRecord newRegistry() {
        return block(registries.ensure("t-" + UUID.randomUUID().toString().substring(0, 18), "generic"));
    }

    NewFile newFile(RegistryRecord registry, String pkg, String version, String path, String content) {
        return newFile(registry, pkg, version, path, content, NewFile.Overwrite.REFUSE);
    }

    NewFile newFile(
            RegistryRecord registry,
            String pkg,
            String version,
            String path,
            String content,
            NewFile.Overwrite overwrite) {
        return new NewFile(
                registry.id(),
                pkg,
                version,
                path,
                digest(content),
                content.length(),
                "text/plain",
                "user:alice",
                null,
                overwrite);
    }

    /** Records a file and moves the clock on a second, so that the next version is newer. */
    StoredFile push(RegistryRecord registry, String pkg, String version, String path, String content) {
        StoredFile stored = block(files.record(newFile(registry, pkg, version, path, content)));
        clock.advance(Duration.ofSeconds(1));
        return stored;
    }

    PackageRecord pkg(RegistryRecord registry, String name) {
        return block(packages.find(registry.id(), name));
    }

    VersionRecord version(RegistryRecord registry, String pkg, String version) {
        return block(versions.find(pkg(registry, pkg).id(), version));
    }

    static Digest digest(String content) {
        try {
            return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T block(Mono<T> mono) {
        return mono.block(TIMEOUT);
    }

    static <T> List<T> all(Flux<T> flux) {
        return block(flux.collectList());
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            testDatabase.close();
        }
    }
}
