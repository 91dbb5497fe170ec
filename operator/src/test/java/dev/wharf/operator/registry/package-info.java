/** Tests of dev.wharf.operator.registry. */
@NullMarked
package dev.wharf.operator.registry;

import org.jspecify.annotations.NullMarked;
