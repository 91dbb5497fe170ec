/** Tests of the operator's process: settings, health and metrics endpoints, logging and the cluster check. */
@NullMarked
package dev.wharf.operator;

import org.jspecify.annotations.NullMarked;
