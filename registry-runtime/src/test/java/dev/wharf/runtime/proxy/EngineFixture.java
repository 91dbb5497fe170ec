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
public final class EngineFixture implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    public final MutableClock clock = new MutableClock();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    final MetadataDatabase database;
    final Files files;
    final Packages packages;
    final Versions versions;
    final DownloadCounter downloads;
    final Registries registries;
    public final BlobStore store;
    private final List<UpstreamProtocol> protocols;
    private final CacheLimits limits;
    public final UpstreamEngine engine;

    /** An engine whose UpstreamProxies speak plain HTTP, the protocol of a format that supplies none. */
    public EngineFixture(Path dir) {
        this(dir, CacheLimits.DEFAULT);
    }

    /** An engine speaking {@code protocol} to the UpstreamProxies of its format. */
    public EngineFixture(Path dir, UpstreamProtocol protocol) {
        this(dir, List.of(protocol), CacheLimits.DEFAULT, new FilesystemBlobStore(dir.resolve("blobs")));
    }

    EngineFixture(Path dir, CacheLimits limits) {
        this(dir, List.of(), limits, new FilesystemBlobStore(dir.resolve("blobs")));
    }

    /** An engine whose metadata database is {@code database} rather than an in-memory H2 one. */
    EngineFixture(Path dir, CacheLimits limits, DatabaseProperties database) {
        this(dir, List.of(), limits, new FilesystemBlobStore(dir.resolve("blobs")), database);
    }

    /** An engine whose Registries keep their blobs in {@code store}. */
    EngineFixture(Path dir, BlobStore store) {
        this(dir, List.of(), CacheLimits.DEFAULT, store);
    }

    private EngineFixture(Path dir, List<UpstreamProtocol> protocols, CacheLimits limits, BlobStore store) {
        this(
                dir,
                protocols,
                limits,
                store,
                new DatabaseProperties(
                        "r2dbc:h2:mem:///proxy-" + UUID.randomUUID(), null, null, null, 10, Duration.ofSeconds(10)));
    }

    private EngineFixture(
            Path dir,
            List<UpstreamProtocol> protocols,
            CacheLimits limits,
            BlobStore store,
            DatabaseProperties databaseProperties) {
        database = MetadataDatabase.open(DatabaseSettings.resolve(databaseProperties, dir));
        AuditTrail audit = new AuditTrail(database);
        files = new Files(database, audit, clock);
        packages = new Packages(database, audit, clock, AllFormatRows.none());
        versions = new Versions(database, audit, clock, AllFormatRows.none());
        downloads = new DownloadCounter(database, clock, Duration.ofHours(1));
        registries = new Registries(database, clock);
        this.store = store;
        this.protocols = protocols;
        this.limits = limits;
        engine = newEngine();
    }

    /**
     * Another engine over the same database, store, Secrets and clock, as the runtime has after a restart: nothing in
     * memory, circuit breakers closed.
     */
    UpstreamEngine newEngine() {
        return new UpstreamEngine(files, downloads, database, this::secretResolver, protocols, limits, clock, meters);
    }

    /** A docker Registry with these upstreams, in this order. */
    public ServedRegistry registry(Upstreams... upstreams) {
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

    public UpstreamResult fetch(ServedRegistry registry, UpstreamRequest request) {
        return engine.fetch(registry, request).blockOptional(TIMEOUT).orElseThrow();
    }

    Optional<UpstreamResult> fetchOptional(ServedRegistry registry, UpstreamRequest request) {
        return engine.fetch(registry, request).blockOptional(TIMEOUT);
    }

    public static String text(UpstreamResult result) {
        return new String(bytes(result), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(UpstreamResult result) {
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
