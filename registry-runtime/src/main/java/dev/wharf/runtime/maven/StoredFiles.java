package dev.wharf.runtime.maven;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.VersionedFile;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The files downloads ask for, found with {@link FileLookup} and kept in memory for {@link #RECHECK}, so that a file
 * asked for again and again (a POM every build resolves) costs one query a second rather than one a request. What this
 * runtime changes (a deploy, a copy or delete through the API) is dropped at once; a change another replica makes is
 * seen within {@link #RECHECK}. Files a registry does not hold are remembered the same way.
 */
final class StoredFiles {

    /** How long a lookup is served before the database is asked again. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private static final int MAX_ENTRIES = 100_000;

    private record Key(long registryId, String packageName, String version, String path) {}

    /** A file found, or (file null) none, at {@code checkedAt} nanoseconds. */
    private record Entry(@Nullable VersionedFile file, long checkedAt) {}

    private final FileLookup lookup;
    private final LongSupplier nanos;
    private final Cache<Key, Entry> files =
            Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

    StoredFiles(FileLookup lookup) {
        this(lookup, System::nanoTime);
    }

    StoredFiles(FileLookup lookup, LongSupplier nanos) {
        this.lookup = lookup;
        this.nanos = nanos;
    }

    /** The file at {@code path} of the package's {@code version}; empty when the registry does not hold it. */
    Mono<VersionedFile> byVersion(long registryId, String packageName, String version, String path) {
        Key key = new Key(registryId, packageName, version, path);
        Entry cached = files.getIfPresent(key);
        long now = nanos.getAsLong();
        if (cached != null && now - cached.checkedAt() < RECHECK.toNanos()) {
            return Mono.justOrEmpty(cached.file());
        }
        return lookup.byVersion(registryId, packageName, version, path)
                .doOnNext(found -> files.put(key, new Entry(found, now)))
                .switchIfEmpty(Mono.fromRunnable(() -> files.put(key, new Entry(null, now))));
    }

    /** Forgets what is kept of one file: this runtime has just deployed it. */
    void changed(long registryId, String packageName, String version, String path) {
        files.invalidate(new Key(registryId, packageName, version, path));
    }

    /** Forgets what is kept of the package in the registry: this runtime has just copied or deleted its versions. */
    void changed(long registryId, String packageName) {
        files.asMap()
                .keySet()
                .removeIf(key ->
                        key.registryId() == registryId && key.packageName().equals(packageName));
    }
}
