package dev.wharf.runtime.purge;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.api.v1alpha1.registry.Storage;
import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.MetadataEntries;
import dev.wharf.runtime.metadata.NewFile;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Registries;
import dev.wharf.runtime.metadata.RegistryRecord;
import dev.wharf.runtime.metadata.StoredFile;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.oci.OciBlobLinks;
import dev.wharf.runtime.oci.OciRows;
import dev.wharf.runtime.oci.OciUploads;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.BlobStoreFactory;
import dev.wharf.runtime.storage.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One metadata database and one blob store that several registries share, as a runtime serving them opens them, with
 * the repositories the formats write through.
 */
final class SharedStorage implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The Secret the S3 storage names; the lookup below answers it from the test services' variables. */
    static final String S3_SECRET = "purge-s3";

    final PurgeDatabase testDatabase;
    final MetadataDatabase database;
    final BlobStoreFactory stores;
    final BlobStore store;
    final Registries registries;
    final Packages packages;
    final Versions versions;
    final Files files;
    final Tags tags;
    final MetadataEntries entries;
    final OciBlobLinks links;
    final OciUploads uploads;
    final ApiTokenRepository tokens;
    final AllFormatRows formats = new AllFormatRows(List.of(new OciRows()));

    SharedStorage(PurgeDatabase testDatabase, Storage storage, Path dataDir) {
        Clock clock = Clock.systemUTC();
        this.testDatabase = testDatabase;
        this.database = MetadataDatabase.open(testDatabase.settings());
        this.stores = new BlobStoreFactory(dataDir, SharedStorage::s3Credentials);
        this.store = stores.forRegistry("shared", storage);
        AuditTrail audit = new AuditTrail(database);
        this.registries = new Registries(database, clock);
        this.packages = new Packages(database, audit, clock, formats);
        this.versions = new Versions(database, audit, clock, formats);
        this.files = new Files(database, audit, clock);
        this.tags = new Tags(database, clock);
        this.entries = new MetadataEntries(database, clock);
        this.links = new OciBlobLinks(database, audit, clock);
        this.uploads = new OciUploads(database, clock);
        this.tokens = new ApiTokenRepository(database, clock);
    }

    RegistryRecord registry(String name) {
        return block(registries.ensure(name, "generic"));
    }

    /** Stores the content and records it as a file of {@code pkg}@{@code version}. */
    StoredFile push(RegistryRecord registry, String pkg, String version, String path, String content) {
        Digest digest = put(content);
        return block(files.record(new NewFile(
                registry.id(),
                pkg,
                version,
                path,
                digest,
                content.length(),
                "text/plain",
                "user:alice",
                null,
                NewFile.Overwrite.REFUSE)));
    }

    /** Stores the content and links it into an OCI repository of the registry. */
    Digest link(RegistryRecord registry, String repository, String content) {
        Digest digest = put(content);
        block(links.link(registry.id(), repository, digest, content.length()).thenReturn(true));
        return digest;
    }

    /** Starts an OCI upload in the registry whose first chunk is the content. */
    Digest upload(RegistryRecord registry, String repository, String content) {
        Digest digest = put(content);
        String id = UUID.randomUUID().toString();
        block(uploads.create(id, registry.id(), repository));
        block(uploads.append(id, 0, digest, content.length()));
        return digest;
    }

    /** Issues a token with a scope on each of the registries. */
    void token(String... registryNames) {
        Map<String, Role> scopes = new TreeMap<>();
        for (String name : registryNames) {
            scopes.put(name, Role.READ);
        }
        block(tokens.create(
                UUID.randomUUID().toString().replace("-", ""), "alice", "purge test", Set.of(), scopes, null));
    }

    Digest put(String content) {
        return block(store.put(
                        Flux.just(
                                DefaultDataBufferFactory.sharedInstance.wrap(content.getBytes(StandardCharsets.UTF_8))),
                        null,
                        1 << 20))
                .digest();
    }

    /** The blob's content, read from the store. */
    String read(Digest digest) {
        DataBuffer joined = block(DataBufferUtils.join(store.read(digest, null)));
        try {
            return joined.toString(StandardCharsets.UTF_8);
        } finally {
            DataBufferUtils.release(joined);
        }
    }

    boolean stored(Digest digest) {
        return block(store.exists(digest));
    }

    /** Whether {@code blob_ref} has a row for the blob. */
    boolean recorded(Digest digest) {
        return count("SELECT COUNT(*) AS n FROM blob_ref WHERE digest = :v", digest.toString()) > 0;
    }

    /** The file at {@code path} of a version of the registry, found through the metadata as a format finds it. */
    Optional<FileRecord> file(RegistryRecord registry, String pkg, String version, String path) {
        return packages.find(registry.id(), pkg)
                .flatMap(found -> versions.find(found.id(), version))
                .flatMap(found -> files.find(found.id(), path))
                .blockOptional(TIMEOUT);
    }

    /** How many rows each registry-scoped table holds for the registry of that id and name. */
    Map<String, Long> rowsOf(long id, String name) {
        List<String> byId = List.of(
                "SELECT COUNT(*) AS n FROM registry WHERE id = :v",
                "SELECT COUNT(*) AS n FROM package WHERE registry_id = :v",
                "SELECT COUNT(*) AS n FROM version v JOIN package p ON p.id = v.package_id WHERE p.registry_id = :v",
                "SELECT COUNT(*) AS n FROM oci_blob_link WHERE registry_id = :v",
                "SELECT COUNT(*) AS n FROM oci_upload WHERE registry_id = :v");
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String sql : byId) {
            rows.put(sql, count(sql, id));
        }
        rows.put("audit_event", count("SELECT COUNT(*) AS n FROM audit_event WHERE registry = :v", name));
        rows.put("api_token_scope", count("SELECT COUNT(*) AS n FROM api_token_scope WHERE registry = :v", name));
        return rows;
    }

    long count(String sql, Object value) {
        return block(database.client()
                .sql(sql)
                .bind("v", value)
                .map(row -> ((Number) row.get("n")).longValue())
                .one());
    }

    @Override
    public void close() {
        stores.close();
        database.close();
        testDatabase.close();
    }

    static <T> T block(Mono<T> mono) {
        T value = mono.block(TIMEOUT);
        if (value == null) {
            throw new AssertionError("no value");
        }
        return value;
    }

    private static Optional<String> s3Credentials(String secret, String key) {
        if (!secret.equals(S3_SECRET)) {
            return Optional.empty();
        }
        return Optional.of(PurgeDatabase.env(
                key.equals(BlobStoreFactory.ACCESS_KEY) ? "WHARF_TEST_S3_ACCESS_KEY" : "WHARF_TEST_S3_SECRET_KEY"));
    }
}
