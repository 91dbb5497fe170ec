package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.auth.RegistryAccess;
import dev.wharf.runtime.config.ConfiguredRegistry;
import dev.wharf.runtime.storage.BlobStore;

/**
 * A Registry ready to serve: its configuration, its row in the metadata database, its blob store, who may do what,
 * and its upload limit. Immutable; a configuration change makes a new one, and requests in flight keep the one they
 * started with.
 *
 * @param configured the Registry as loaded
 * @param id its row id in the metadata database
 * @param store where its blobs are
 * @param access its access policy and users
 * @param maxUploadBytes the largest upload it accepts
 */
public record ServedRegistry(
        ConfiguredRegistry configured, long id, BlobStore store, RegistryAccess access, long maxUploadBytes) {

    /** Its name. */
    public String name() {
        return configured.name();
    }

    /** Its format. */
    public Format format() {
        return configured.format();
    }

    /** Whether clients may push to it; false makes a pure proxy. */
    public boolean allowPush() {
        return !Boolean.FALSE.equals(configured.spec().allowPush());
    }

    /** Whether a version may be pushed again with different content. */
    public boolean allowOverwrite() {
        return Boolean.TRUE.equals(configured.spec().allowOverwrite());
    }
}
