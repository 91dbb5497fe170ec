package dev.wharf.runtime.storage;

import dev.wharf.api.v1alpha1.registry.S3Storage;
import dev.wharf.api.v1alpha1.registry.Storage;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * Gives each Registry the blob store its {@code spec.storage} names, sharing stores so that identical blobs are stored
 * once: every filesystem registry uses the one store under {@code <dataDir>} (blobs in {@code <dataDir>/blobs/}), and
 * S3 registries with the same endpoint, bucket, prefix and credentials share one client and store. Closing the factory
 * closes every store it made.
 */
public final class BlobStoreFactory implements AutoCloseable {

    /** The key of the access key id in the Secret named by {@code spec.storage.s3.credentialsSecret}. */
    public static final String ACCESS_KEY = "accessKey";

    /** The key of the secret access key in that Secret. */
    public static final String SECRET_KEY = "secretKey";

    private static final Logger LOG = LoggerFactory.getLogger(BlobStoreFactory.class);
    private static final Object FILESYSTEM = new Object();

    private final Path dataDir;
    private final CredentialsLookup credentials;
    private final Clock clock;
    private final @Nullable MeterRegistry meters;
    // Keyed by FILESYSTEM or by S3Settings; as many entries as distinct storage settings in the configuration.
    private final ConcurrentHashMap<Object, BlobStore> stores = new ConcurrentHashMap<>();
    private final Disposable.Composite cleanups = Disposables.composite();
    private volatile boolean closed;

    /** Without metrics. */
    public BlobStoreFactory(Path dataDir, CredentialsLookup credentials) {
        this(dataDir, credentials, Clock.systemUTC(), null);
    }

    /**
     * @param dataDir the runtime's data directory; filesystem blobs go to {@code <dataDir>/blobs/}
     * @param credentials reads the S3 credentials from the Secret a Registry names
     * @param clock for the stores' stale-upload cleanup
     * @param meters where the stores count bytes and errors; null for nowhere
     */
    public BlobStoreFactory(Path dataDir, CredentialsLookup credentials, Clock clock, @Nullable MeterRegistry meters) {
        this.dataDir = dataDir;
        this.credentials = credentials;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The store for a Registry, made on first use and shared afterwards.
     *
     * @throws IllegalArgumentException naming the registry, when its storage is not exactly one of filesystem and
     *     s3, or its S3 settings or credentials are incomplete
     */
    public BlobStore forRegistry(String registry, Storage storage) {
        if (closed) {
            throw new IllegalStateException("the blob stores are closed: the runtime is shutting down");
        }
        S3Storage s3 = storage.s3();
        if ((storage.filesystem() == null) == (s3 == null)) {
            throw new IllegalArgumentException(
                    "registry '" + registry + "': spec.storage needs exactly one of filesystem or s3");
        }
        BlobStore store;
        if (s3 == null) {
            store = stores.computeIfAbsent(FILESYSTEM, key -> new FilesystemBlobStore(dataDir, clock, meters));
        } else {
            S3Settings settings = s3Settings(registry, s3);
            try {
                store = stores.computeIfAbsent(settings, key -> newS3Store(settings));
            } catch (IllegalArgumentException e) {
                // The MinIO client refuses an endpoint it cannot use.
                throw new IllegalArgumentException("registry '" + registry + "': " + e.getMessage(), e);
            }
        }
        if (closed) {
            // close() ran while this store was made; do not hand out a store nobody will close.
            close();
            throw new IllegalStateException("the blob stores are closed: the runtime is shutting down");
        }
        return store;
    }

    /** Closes every store made so far; later calls of {@link #forRegistry} fail. */
    @Override
    public void close() {
        closed = true;
        cleanups.dispose();
        stores.values().removeIf(store -> {
            store.close();
            return true;
        });
    }

    private S3Settings s3Settings(String registry, S3Storage s3) {
        String accessKey = credential(registry, s3, ACCESS_KEY);
        String secretKey = credential(registry, s3, SECRET_KEY);
        try {
            return S3Settings.of(s3, accessKey, secretKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("registry '" + registry + "': " + e.getMessage(), e);
        }
    }

    private String credential(String registry, S3Storage s3, String key) {
        return credentials
                .lookup(s3.credentialsSecret(), key)
                .filter(value -> !value.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("registry '" + registry + "': the Secret '"
                        + s3.credentialsSecret() + "' named by spec.storage.s3.credentialsSecret has no key '" + key
                        + "' (the Secret needs keys '" + ACCESS_KEY + "' and '" + SECRET_KEY + "')"));
    }

    private BlobStore newS3Store(S3Settings settings) {
        S3BlobStore store = new S3BlobStore(settings, clock, meters);
        cleanups.add(store.removeStaleUploads()
                .subscribe(
                        removed -> LOG.debug("{}: {} stale uploads removed", store, removed),
                        error -> LOG.warn("{}: could not remove stale uploads: {}", store, error.getMessage())));
        return store;
    }
}
