/** End-to-end tests without a cluster: the operator's rendered objects run the real registry runtime. */
@NullMarked
package dev.wharf.operator.e2e;

import org.jspecify.annotations.NullMarked;
