package dev.wharf.runtime.metadata;

import java.time.Instant;

/**
 * A Registry as the database knows it; its id keys everything stored for it.
 *
 * @param id the row id
 * @param name the Registry's name
 * @param format the format it had when first seen, lower case as in {@code spec.format}
 * @param createdAt when it was first served
 */
public record RegistryRecord(long id, String name, String format, Instant createdAt) {}
