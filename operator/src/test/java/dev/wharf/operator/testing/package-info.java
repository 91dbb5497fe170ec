/** Test fixtures shared by the operator's tests: the committed CRDs and Wharf resources built from YAML. */
@NullMarked
package dev.wharf.operator.testing;

import org.jspecify.annotations.NullMarked;
