/** Types and validation patterns shared by the four Wharf resources. */
@NullMarked
package dev.wharf.api.v1alpha1.common;

import org.jspecify.annotations.NullMarked;
