package dev.wharf.runtime.oci;

import dev.wharf.runtime.web.ServedRegistry;

/**
 * A repository of a served docker registry, as one request addresses it.
 *
 * @param registry the registry serving it
 * @param path the parsed URL
 */
record OciRepository(ServedRegistry registry, OciPath path) {

    /** The repository's name within the registry, the package name in the metadata. */
    String name() {
        return path.name();
    }

    /** The URL of the repository, such as {@code /v2/images/team/app}. */
    String base() {
        return path.base();
    }

    /** The registry's row id. */
    long registryId() {
        return registry.id();
    }
}
