package dev.wharf.runtime.proxy;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import dev.wharf.runtime.auth.AccessPolicy;
import dev.wharf.runtime.auth.RegistryAccess;
import dev.wharf.runtime.auth.UserDirectory;
import dev.wharf.runtime.config.ConfiguredRegistry;
import dev.wharf.runtime.config.ConfiguredUpstreamProxy;
import dev.wharf.runtime.config.SecretResolver;
import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.metadata.DatabaseProperties;
import dev.wharf.runtime.metadata.DatabaseSettings;
import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Registries;
import dev.wharf.runtime.metadata.RegistryRecord;
import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.FilesystemBlobStore;
import dev.wharf.runtime.web.ServedRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Mono;

/**
 * An engine over real collaborators: an in-memory H2 metadata database, a filesystem BlobStore in a temporary
 * directory, a clock the test moves, Secrets the test sets, and a meter registry to read.
 */
final class EngineFixture implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    final MetadataDatabase database;
    final Files files;
    final Packages packages;
    final Versions versions;
    final DownloadCounter downloads;
    final Registries registries;
    final BlobStore store;
    final UpstreamEngine engine;

    EngineFixture(Path dir) {
        this(dir, UpstreamAuthenticator.NONE);
    }

    EngineFixture(Path dir, UpstreamAuthenticator authenticator) {
        this(dir, authenticator, CacheLimits.DEFAULT);
    }

    EngineFixture(Path dir, UpstreamAuthenticator authenticator, CacheLimits limits) {
        this(dir, authenticator, limits, new FilesystemBlobStore(dir.resolve("blobs")));
    }

    /** An engine whose Registries keep their blobs in {@code store}. */
    EngineFixture(Path dir, BlobStore store) {
        this(dir, UpstreamAuthenticator.NONE, CacheLimits.DEFAULT, store);
    }

    private EngineFixture(Path dir, UpstreamAuthenticator authenticator, CacheLimits limits, BlobStore store) {
        database = MetadataDatabase.open(DatabaseSettings.resolve(
                new DatabaseProperties(
                        "r2dbc:h2:mem:///proxy-" + UUID.randomUUID(), null, null, null, 10, Duration.ofSeconds(10)),
                dir));
        AuditTrail audit = new AuditTrail(database);
        files = new Files(database, audit, clock);
        packages = new Packages(database, audit, clock, AllFormatRows.none());
        versions = new Versions(database, audit, clock, AllFormatRows.none());
        downloads = new DownloadCounter(database, clock, Duration.ofHours(1));
        registries = new Registries(database, clock);
        this.store = store;
        engine = new UpstreamEngine(files, downloads, this::secretResolver, authenticator, limits, clock, meters);
    }

    /** A docker Registry with these upstreams, in this order. */
    ServedRegistry registry(Upstreams... upstreams) {
        return registry("r-" + UUID.randomUUID().toString().substring(0, 8), upstreams);
    }

    /** The Registry {@code name} (the same row as before when it exists) with these upstreams, in this order. */
    ServedRegistry registry(String name, Upstreams... upstreams) {
        List<ConfiguredUpstreamProxy> proxies =
                Arrays.stream(upstreams).map(Upstreams::configured).toList();
        RegistrySpec spec = new RegistrySpec(
                Format.DOCKER,
                proxies.stream().map(ConfiguredUpstreamProxy::name).toList(),
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        ConfiguredRegistry configured =
                new ConfiguredRegistry(name, Map.of(), spec, proxies, java.util.Set.of(), List.of());
        RegistryRecord record = registries.ensure(name, "docker").block(TIMEOUT);
        return new ServedRegistry(
                configured,
                record.id(),
                store,
                new RegistryAccess(name, AccessPolicy.of(null), UserDirectory.parse("", "")),
                1L << 30);
    }

    UpstreamResult fetch(ServedRegistry registry, UpstreamRequest request) {
        return engine.fetch(registry, request).blockOptional(TIMEOUT).orElseThrow();
    }

    Optional<UpstreamResult> fetchOptional(ServedRegistry registry, UpstreamRequest request) {
        return engine.fetch(registry, request).blockOptional(TIMEOUT);
    }

    static String text(UpstreamResult result) {
        return new String(bytes(result), StandardCharsets.UTF_8);
    }

    static byte[] bytes(UpstreamResult result) {
        return bytesOf(result).block(TIMEOUT);
    }

    /** The body's bytes, without blocking. */
    static Mono<byte[]> bytesOf(UpstreamResult result) {
        return DataBufferUtils.join(result.body())
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    VersionRecord version(ServedRegistry registry, String pkg, String version) {
        return packages.find(registry.id(), pkg)
                .flatMap(found -> versions.find(found.id(), version))
                .block(TIMEOUT);
    }

    FileRecord file(ServedRegistry registry, String pkg, String version, String path) {
        return packages.find(registry.id(), pkg)
                .flatMap(found -> versions.find(found.id(), version))
                .flatMap(found -> files.find(found.id(), path))
                .block(TIMEOUT);
    }

    double fetches(String upstream, String outcome) {
        return meters
                .find(UpstreamMetrics.FETCHES)
                .tag("upstream", upstream)
                .tag("outcome", outcome)
                .counters()
                .stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    long requests(String upstream, String outcome) {
        return meters.find(UpstreamMetrics.REQUESTS).tag("upstream", upstream).tag("outcome", outcome).timers().stream()
                .mapToLong(timer -> timer.count())
                .sum();
    }

    private SecretResolver secretResolver() {
        return new SecretResolver() {
            @Override
            public Optional<String> resolve(String secretName, String key) {
                return Optional.ofNullable(
                        secrets.getOrDefault(secretName, Map.of()).get(key));
            }

            @Override
            public boolean exists(String secretName) {
                return secrets.containsKey(secretName);
            }

            @Override
            public String describe() {
                return "test secrets";
            }
        };
    }

    @Override
    public void close() {
        store.close();
        downloads.close();
        Mono.fromRunnable(database::close).block(TIMEOUT);
    }
}
