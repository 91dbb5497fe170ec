/** Tests of dev.wharf.operator.cleanup. */
@NullMarked
package dev.wharf.operator.cleanup;

import org.jspecify.annotations.NullMarked;
