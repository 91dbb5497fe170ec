package dev.wharf.runtime.oci;

import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.storage.Digest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Tags of a Registry that does not allow overwrite ({@code spec.allowOverwrite} unset or false) never move and are
 * never deleted on their own: the refusal is 409, because the request conflicts with the tag's current state, with
 * code DENIED, because skopeo and podman take TAG_INVALID and MANIFEST_INVALID for a manifest format the registry
 * rejects and push again in another format. Pushing the same manifest under its tag again is no move. Deleting such
 * a tag is refused with 405 UNSUPPORTED, as the distribution spec requires where tag deletion is disabled.
 */
final class ImmutableTags {

    private final Packages packages;
    private final Tags tags;

    ImmutableTags(Packages packages, Tags tags) {
        this.packages = packages;
        this.tags = tags;
    }

    /** Whether the repository's tags may move to other manifests and be deleted. */
    static boolean mayMove(OciRepository repository) {
        return repository.registry().allowOverwrite();
    }

    /**
     * Refuses, before anything is stored, a push of the manifest with {@code digest} under a tag that points at
     * another one and may not move; the metadata checks again under the repository's lock.
     */
    Mono<Void> checkPush(OciRepository repository, @Nullable String tag, Digest digest) {
        if (tag == null || mayMove(repository)) {
            return Mono.empty();
        }
        return packages.find(repository.registryId(), repository.name())
                .flatMap(pkg -> tags.resolve(pkg.id(), tag))
                .filter(current -> !current.version().equals(digest.toString()))
                .flatMap(current ->
                        Mono.<Void>error(refused(repository, tag, current.version(), "push it under a new tag")));
    }

    /** The refusal to delete {@code tag}, which points at {@code current}, on its own. */
    static OciException deletionRefused(OciRepository repository, String tag, String current) {
        return new OciException(
                OciError.UNSUPPORTED,
                "tag " + tag + " of " + repository.path().fullName() + " points at " + current
                        + ", and tags cannot be deleted on their own in registry '"
                        + repository.registry().name()
                        + "' (spec.allowOverwrite is false): delete its manifest by digest to remove it with all its"
                        + " tags, or set spec.allowOverwrite: true on the Registry",
                Map.of("tag", tag, "digest", current));
    }

    /** The refusal to move {@code tag}, which points at {@code current}; {@code instead} says what to do. */
    static OciException refused(OciRepository repository, String tag, String current, String instead) {
        return new OciException(
                OciError.DENIED,
                HttpStatus.CONFLICT,
                "tag " + tag + " of " + repository.path().fullName() + " points at " + current
                        + ", and tags are immutable in registry '"
                        + repository.registry().name()
                        + "' (spec.allowOverwrite is false): " + instead
                        + ", or set spec.allowOverwrite: true on the Registry to let tags move",
                Map.of("tag", tag, "digest", current));
    }
}
