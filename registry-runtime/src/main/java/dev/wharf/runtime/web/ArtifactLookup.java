package dev.wharf.runtime.web;

import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.metadata.Versions;
import reactor.core.publisher.Mono;

/**
 * Finds a package, version or file of a served registry, or fails with a 404 that names what is missing and where.
 * The version {@code latest} means the package's latest version unless a version is really called so.
 */
public final class ArtifactLookup {

    /** The version name that stands for a package's latest version. */
    public static final String LATEST = "latest";

    private final Packages packages;
    private final Versions versions;
    private final Files files;
    private final FileLookup fileLookup;

    public ArtifactLookup(Packages packages, Versions versions, Files files, FileLookup fileLookup) {
        this.packages = packages;
        this.versions = versions;
        this.files = files;
        this.fileLookup = fileLookup;
    }

    /** The package, or a 404. */
    public Mono<PackageRecord> findPackage(ServedRegistry registry, String name) {
        return packages.find(registry.id(), name)
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound(
                        "registry '" + registry.name() + "' has no package '" + name + "'")));
    }

    /** The version of the package, {@code latest} resolved; or a 404. */
    public Mono<VersionRecord> findVersion(ServedRegistry registry, PackageRecord pkg, String version) {
        Mono<VersionRecord> named = versions.find(pkg.id(), version);
        String latest = pkg.latestVersion();
        if (version.equals(LATEST) && latest != null) {
            named = named.switchIfEmpty(Mono.defer(() -> versions.find(pkg.id(), latest)));
        }
        return named.switchIfEmpty(Mono.error(() -> noVersion(registry, pkg, version)));
    }

    /** The version of the package named exactly so, {@code latest} not resolved (for deletes); or a 404. */
    public Mono<VersionRecord> findExactVersion(ServedRegistry registry, PackageRecord pkg, String version) {
        return versions.find(pkg.id(), version).switchIfEmpty(Mono.error(() -> noVersion(registry, pkg, version)));
    }

    private static RequestRefusedException noVersion(ServedRegistry registry, PackageRecord pkg, String version) {
        return RequestRefusedException.notFound(
                "package '" + pkg.name() + "' in registry '" + registry.name() + "' has no version '" + version + "'");
    }

    /** The version of the named package; or a 404. */
    public Mono<VersionRecord> findVersion(ServedRegistry registry, String packageName, String version) {
        return findPackage(registry, packageName).flatMap(pkg -> findVersion(registry, pkg, version));
    }

    /**
     * The file of the package's version ({@code latest} resolved), in one query when they all exist; or a 404 naming
     * the first that does not.
     */
    public Mono<FileRecord> findFile(ServedRegistry registry, String packageName, String version, String path) {
        return fileLookup
                .byVersion(registry.id(), packageName, version, path)
                .map(VersionedFile::file)
                .switchIfEmpty(Mono.defer(() -> findVersion(registry, packageName, version)
                        .flatMap(found -> findFile(registry, packageName, found, path))));
    }

    /**
     * The file of the package's version ({@code latest} resolved) with its version; empty when the registry has no such
     * file, for a read that asks the upstreams next.
     */
    public Mono<VersionedFile> findStoredFile(
            ServedRegistry registry, String packageName, String version, String path) {
        return fileLookup.byVersion(registry.id(), packageName, version, path).switchIfEmpty(Mono.defer(() -> {
            if (!version.equals(LATEST)) {
                return Mono.empty();
            }
            return packages.find(registry.id(), packageName)
                    .mapNotNull(PackageRecord::latestVersion)
                    .flatMap(latest -> fileLookup.byVersion(registry.id(), packageName, latest, path));
        }));
    }

    /** The file of the version; or a 404. */
    public Mono<FileRecord> findFile(ServedRegistry registry, String packageName, VersionRecord version, String path) {
        return files.find(version.id(), path)
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound("version '" + version.version()
                        + "' of package '" + packageName + "' in registry '" + registry.name() + "' has no file '"
                        + path + "'")));
    }
}
