package dev.wharf.runtime.metadata;

import dev.wharf.api.v1alpha1.common.Format;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The rows a format keeps beside the core's packages, versions and files, and what becomes of them when the core
 * copies, deletes or purges: a format's lifecycle hooks. Each hook runs inside the core's transaction, on its
 * connection, with the package row already locked, so that a crash leaves either the old rows or the new ones.
 *
 * <p>A format whose content is only the core's rows needs none of this; one that links blobs or keeps uploads in its
 * own tables says here what copies, releases and keeps them.
 */
public interface FormatRows {

    /** The format whose registries these rows belong to. */
    Format format();

    /**
     * The versions of the same package a copy of this one needs (the manifests an OCI index lists), which are copied
     * before it unless the target has them; none by default. Only the direct ones: theirs are asked for in turn.
     */
    default Flux<Long> copiedWith(DatabaseClient client, long versionId) {
        return Flux.empty();
    }

    /** After a version with its files and metadata was copied into another registry: copy what the format keeps. */
    default Mono<Void> versionCopied(DatabaseClient client, CopiedVersion copy, Instant now) {
        return Mono.empty();
    }

    /** Before a version of the locked package is deleted with its files: release what only that version held. */
    default Mono<Void> versionDeleting(DatabaseClient client, LockedPackage pkg, long versionId, Instant now) {
        return Mono.empty();
    }

    /** Before the locked package is deleted with all its versions: release what the format keeps for it. */
    default Mono<Void> packageDeleting(DatabaseClient client, LockedPackage pkg, Instant now) {
        return Mono.empty();
    }

    /**
     * SQL conditions, each true while one of the format's tables still references the {@code blob_ref} row aliased
     * {@code b} (for example {@code EXISTS (SELECT 1 FROM x WHERE x.digest = b.digest)}); a blob none of them
     * references, nor any file, may be collected.
     */
    default List<String> blobReferences() {
        return List.of();
    }

    /**
     * Whether the format points tags at its versions one by one (image manifests), so that a cleanup rule's {@code
     * untagged} selects those of its versions no tag points at; false by default, and then such a rule selects none.
     */
    default boolean tagsVersions() {
        return false;
    }

    /**
     * SQL conditions, each true while another version of its package needs the {@code version} row aliased {@code v}
     * although no tag points at it (an OCI index lists it, a referrer names it as subject): cleanup never deletes such
     * a version as untagged. Read only when {@link #tagsVersions()}.
     */
    default List<String> untaggedNeeded() {
        return List.of();
    }

    /** How a purge deletes the format's rows of a registry, step by step, before the core deletes its versions. */
    default List<FormatRowPurge> purges() {
        return List.of();
    }
}
