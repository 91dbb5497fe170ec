package dev.wharf.runtime.oci;

import dev.wharf.runtime.storage.Digest;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An OCI manifest to record as a version of its repository, after its bytes are stored and its references checked.
 *
 * @param registryId the registry's row id
 * @param repository the repository (package), created when it does not exist
 * @param digest the digest of the manifest's exact bytes: the version's name and digest
 * @param sizeBytes the manifest's length
 * @param mediaType its media type, exactly as pushed
 * @param artifactType its artifact type (for the referrers API); null when it has none
 * @param subject the manifest it refers to; null when none
 * @param blobs the blobs it references (config and layers), which become files of the version
 * @param manifests the manifests it lists, when it is an index of manifests of the repository: files of the version too
 *     ({@link #childPath}), so that what is copied or released with it knows them; empty when they were not checked
 *     (an index pulled through a proxy, whose manifests are fetched when asked for)
 * @param tag the tag to point at it; null for a push by digest
 * @param pushedBy who pushed it, or fetched it through an upstream
 * @param upstream the UpstreamProxy it came through; null when it was pushed here
 */
public record NewManifest(
        long registryId,
        String repository,
        Digest digest,
        long sizeBytes,
        String mediaType,
        @Nullable String artifactType,
        @Nullable Digest subject,
        List<Blob> blobs,
        List<Blob> manifests,
        @Nullable String tag,
        String pushedBy,
        @Nullable String upstream) {

    /** The path of the manifest's own file in its version. */
    public static final String MANIFEST_PATH = "manifest.json";

    public NewManifest {
        blobs = List.copyOf(blobs);
        manifests = List.copyOf(manifests);
    }

    /** The path of a listed manifest's file in the version of an index. */
    public static String childPath(Digest manifest) {
        return "manifests/" + manifest;
    }

    /**
     * A blob the manifest references.
     *
     * @param digest its digest
     * @param sizeBytes its stored size
     * @param mediaType its media type in the manifest's descriptor
     */
    public record Blob(Digest digest, long sizeBytes, String mediaType) {

        /** Its file's path in the version. */
        public String path() {
            return "blobs/" + digest;
        }
    }
}
