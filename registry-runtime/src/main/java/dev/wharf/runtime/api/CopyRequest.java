package dev.wharf.runtime.api;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST .../versions/<version>/copy}.
 *
 * @param targetRegistry the registry to copy the version into; the same format, served by this runtime
 */
record CopyRequest(@Nullable String targetRegistry) {

    static final String EXAMPLE = "{\"targetRegistry\": \"releases\"}";
}
