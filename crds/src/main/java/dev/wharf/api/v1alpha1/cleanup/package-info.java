/** The CleanupPolicy resource: which versions to delete from which registries, when, planned before applied. */
@NullMarked
package dev.wharf.api.v1alpha1.cleanup;

import org.jspecify.annotations.NullMarked;
