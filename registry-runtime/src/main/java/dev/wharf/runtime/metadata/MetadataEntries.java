package dev.wharf.runtime.metadata;

import java.time.Clock;
import java.util.Map;
import reactor.core.publisher.Mono;

/** {@code key:value} metadata on packages and versions. */
public final class MetadataEntries {

    /** The most entries one package or version may carry. */
    public static final int MAX_ENTRIES = 100;

    private final EntryTable packages;
    private final EntryTable versions;

    public MetadataEntries(MetadataDatabase database, Clock clock) {
        this.packages = new EntryTable(database, clock, "package");
        this.versions = new EntryTable(database, clock, "version");
    }

    /** The package's entries, by key. */
    public Mono<Map<String, String>> ofPackage(long packageId) {
        return packages.entries(packageId);
    }

    /**
     * Sets entries on the package, keeping the others, in one transaction.
     *
     * @return every entry after the change; or an {@link IllegalArgumentException} when there would be more than
     *     {@link #MAX_ENTRIES}, or a key or value is too long (63 and 4096 characters); empty when the package does
     *     not exist
     */
    public Mono<Map<String, String>> setOnPackage(long packageId, Map<String, String> entries) {
        return packages.set(packageId, entries);
    }

    /**
     * Deletes one entry of the package.
     *
     * @return whether the key was set
     */
    public Mono<Boolean> deleteFromPackage(long packageId, String key) {
        return packages.delete(packageId, key);
    }

    /** The version's entries, by key. */
    public Mono<Map<String, String>> ofVersion(long versionId) {
        return versions.entries(versionId);
    }

    /** As {@link #setOnPackage}, for a version. */
    public Mono<Map<String, String>> setOnVersion(long versionId, Map<String, String> entries) {
        return versions.set(versionId, entries);
    }

    /**
     * Deletes one entry of the version.
     *
     * @return whether the key was set
     */
    public Mono<Boolean> deleteFromVersion(long versionId, String key) {
        return versions.delete(versionId, key);
    }
}
