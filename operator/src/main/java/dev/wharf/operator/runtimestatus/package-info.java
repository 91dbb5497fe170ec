/** The registry runtime's internal status endpoint, {@code GET /api/v1/status}, read for a Registry's status. */
@NullMarked
package dev.wharf.operator.runtimestatus;

import org.jspecify.annotations.NullMarked;
