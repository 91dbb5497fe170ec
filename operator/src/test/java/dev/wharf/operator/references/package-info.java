/** Tests of dev.wharf.operator.references. */
@NullMarked
package dev.wharf.operator.references;

import org.jspecify.annotations.NullMarked;
