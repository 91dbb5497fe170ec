/** wharf cleanup: the CleanupPolicies, their plans and runs. */
@NullMarked
package dev.wharf.cli.cleanup;

import org.jspecify.annotations.NullMarked;
