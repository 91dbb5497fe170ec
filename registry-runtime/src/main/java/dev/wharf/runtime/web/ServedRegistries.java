package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Access;
import dev.wharf.api.v1alpha1.registry.FilesystemStorage;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import dev.wharf.api.v1alpha1.registry.Storage;
import dev.wharf.runtime.auth.AccessPolicy;
import dev.wharf.runtime.auth.RegistryAccess;
import dev.wharf.runtime.auth.UserDirectory;
import dev.wharf.runtime.config.ConfigurationListener;
import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.config.ConfiguredRegistry;
import dev.wharf.runtime.config.RuntimeConfiguration;
import dev.wharf.runtime.config.SecretResolver;
import dev.wharf.runtime.metadata.Registries;
import dev.wharf.runtime.metadata.RegistryRecord;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.BlobStoreFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The registries this runtime serves, rebuilt whenever the configuration changes. A Registry that cannot serve (a
 * missing Secret, storage that cannot be set up, a database that cannot be reached) stays listed with the reason, so
 * its routes answer 503 saying why instead of 404.
 */
public final class ServedRegistries implements ConfigurationListener, AutoCloseable {

    /** The largest upload of a Registry that does not set {@code spec.maxUploadSize}: 20 GiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 20L << 30;

    static final String USERS_KEY = "users";
    static final String GROUPS_KEY = "groups";

    private static final long RETRY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ServedRegistries.class);
    private static final Storage DEFAULT_STORAGE = new Storage(new FilesystemStorage(null, null), null);

    private final BlobStoreFactory blobStores;
    private final Registries registries;
    private final Duration databaseTimeout;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wharf-registry-retry");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Entry> entries = Map.of();
    private volatile SecretResolver secrets;
    private final ScheduledFuture<?> retrying;

    /** Either a registry that serves, or why it cannot. */
    private record Entry(
            @Nullable ServedRegistry served, ConfiguredRegistry configured, List<String> problems, boolean retry) {}

    /** Builds the registries of the current configuration and follows its changes. */
    public ServedRegistries(
            ConfigurationStore configuration,
            BlobStoreFactory blobStores,
            Registries registries,
            Duration databaseTimeout) {
        this.blobStores = blobStores;
        this.registries = registries;
        this.databaseTimeout = databaseTimeout;
        RuntimeConfiguration initial = configuration.subscribe(this);
        this.secrets = initial.secrets();
        rebuild(initial);
        this.retrying =
                retries.scheduleWithFixedDelay(this::retryFailedLogged, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private void retryFailedLogged() {
        try {
            retryFailed();
        } catch (RuntimeException e) {
            LOG.error("Retrying the registries that could not start failed", e);
        }
    }

    @Override
    public void onChange(RuntimeConfiguration previous, RuntimeConfiguration current) {
        rebuild(current);
    }

    /**
     * The registry named {@code name}.
     *
     * @throws RequestRefusedException 404 when no registry has that name, 503 saying why when it cannot serve
     */
    public ServedRegistry require(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw RequestRefusedException.registryNotFound(name);
        }
        if (entry.served() == null) {
            throw new RequestRefusedException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Registry unavailable",
                    "registry '" + name + "' cannot serve: " + String.join("; ", entry.problems()));
        }
        return entry.served();
    }

    /**
     * The registry named {@code name}, which must serve {@code format}.
     *
     * @throws RequestRefusedException as {@link #require(String)}, and 404 naming its URL when it serves another
     *     format
     */
    public ServedRegistry require(String name, Format format) {
        Entry entry = entries.get(name);
        if (entry != null && entry.configured().format() != format) {
            throw RequestRefusedException.notFound("registry '" + name + "' serves "
                    + entry.configured().format().id() + ", not " + format.id() + "; use the "
                    + entry.configured().format().id() + " URLs");
        }
        return require(name);
    }

    /** Whether a registry of that name is configured, serving or not. */
    public boolean configures(String name) {
        return entries.containsKey(name);
    }

    /** The registries that serve, in name order. */
    public Collection<ServedRegistry> serving() {
        return entries.values().stream()
                .map(Entry::served)
                .filter(Objects::nonNull)
                .toList();
    }

    /** Every configured registry, serving or not, in name order. */
    public Collection<ConfiguredRegistry> configured() {
        return entries.values().stream().map(Entry::configured).toList();
    }

    /** Why each registry that cannot serve cannot, by name. */
    public Map<String, List<String>> unavailable() {
        Map<String, List<String>> unavailable = new LinkedHashMap<>();
        entries.forEach((name, entry) -> {
            if (entry.served() == null) {
                unavailable.put(name, entry.problems());
            }
        });
        return unavailable;
    }

    private synchronized void rebuild(RuntimeConfiguration configuration) {
        Map<String, Entry> rebuilt = new LinkedHashMap<>();
        for (ConfiguredRegistry registry : configuration.registries().values()) {
            rebuilt.put(registry.name(), entry(registry, configuration.secrets()));
        }
        entries = Collections.unmodifiableMap(rebuilt);
        secrets = configuration.secrets();
    }

    /** Tries again the registries that failed for a reason that may pass (storage or database unreachable). */
    synchronized void retryFailed() {
        if (entries.values().stream().noneMatch(Entry::retry)) {
            return;
        }
        Map<String, Entry> rebuilt = new LinkedHashMap<>(entries);
        rebuilt.replaceAll((name, entry) -> entry.retry() ? entry(entry.configured(), secrets) : entry);
        entries = Collections.unmodifiableMap(rebuilt);
    }

    @Override
    public void close() {
        retrying.cancel(false);
        retries.shutdownNow();
    }

    private Entry entry(ConfiguredRegistry registry, SecretResolver secrets) {
        if (!registry.ready()) {
            return new Entry(null, registry, registry.problems(), false);
        }
        try {
            RegistrySpec spec = registry.spec();
            long maxUpload = spec.maxUploadSize() == null
                    ? DEFAULT_MAX_UPLOAD_BYTES
                    : ByteSizes.parse("spec.maxUploadSize", spec.maxUploadSize());
            RegistryAccess access =
                    new RegistryAccess(registry.name(), AccessPolicy.of(spec.access()), users(spec.access(), secrets));
            BlobStore store =
                    blobStores.forRegistry(registry.name(), spec.storage() == null ? DEFAULT_STORAGE : spec.storage());
            RegistryRecord record = registries
                    .ensure(registry.name(), registry.format().id())
                    .blockOptional(databaseTimeout)
                    .orElseThrow();
            return new Entry(
                    new ServedRegistry(registry, record.id(), store, access, maxUpload), registry, List.of(), false);
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getMessage());
            LOG.error("Registry {} cannot serve: {}", registry.name(), reason, e);
            return new Entry(null, registry, List.of(reason), true);
        }
    }

    private static UserDirectory users(@Nullable Access access, SecretResolver secrets) {
        String secret = access == null ? null : access.usersSecret();
        if (secret == null) {
            return UserDirectory.parse("", "");
        }
        return UserDirectory.parse(
                secrets.resolve(secret, USERS_KEY).orElse(""),
                secrets.resolve(secret, GROUPS_KEY).orElse(""));
    }
}
