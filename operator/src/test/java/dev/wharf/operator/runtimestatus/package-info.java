/** Tests of dev.wharf.operator.runtimestatus. */
@NullMarked
package dev.wharf.operator.runtimestatus;

import org.jspecify.annotations.NullMarked;
