package dev.wharf.runtime.metadata;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A tag of a package: an OCI tag or an npm dist-tag, with the version it points at.
 *
 * @param name the tag
 * @param version the name of the version it points at
 * @param digest that version's digest; null for formats without one
 * @param updatedAt when it was last pointed somewhere
 */
public record TagRecord(
        String name, String version, @Nullable String digest, Instant updatedAt) {}
