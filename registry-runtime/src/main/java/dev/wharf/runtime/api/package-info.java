/** The management API under {@code /api/v1}: registries, packages, versions, metadata, tokens and status as JSON. */
@NullMarked
package dev.wharf.runtime.api;

import org.jspecify.annotations.NullMarked;
