/** The Wharf operator's process: its main, settings from the environment, health and metrics endpoints. */
@NullMarked
package dev.wharf.operator;

import org.jspecify.annotations.NullMarked;
