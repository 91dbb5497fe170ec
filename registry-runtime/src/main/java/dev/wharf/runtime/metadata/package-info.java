/** Metadata of registries, packages, versions, files, tags, tokens and audit events, in PostgreSQL or embedded H2. */
@NullMarked
package dev.wharf.runtime.metadata;

import org.jspecify.annotations.NullMarked;
