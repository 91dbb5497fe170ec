/** Tests of the UpstreamProxy controller: its status calculation, its Registry mapping, and the running operator. */
@NullMarked
package dev.wharf.operator.upstream;

import org.jspecify.annotations.NullMarked;
