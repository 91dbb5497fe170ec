/** The CleanupPolicy controller: which Registries each policy selects, computed into its status. */
@NullMarked
package dev.wharf.operator.cleanup;

import org.jspecify.annotations.NullMarked;
