/** The UpstreamProxy controller: which Registries use each proxy, computed into its status. */
@NullMarked
package dev.wharf.operator.upstream;

import org.jspecify.annotations.NullMarked;
