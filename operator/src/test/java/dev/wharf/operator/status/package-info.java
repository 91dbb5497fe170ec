/** Tests of the shared status building blocks. */
@NullMarked
package dev.wharf.operator.status;

import org.jspecify.annotations.NullMarked;
