/**
 * CleanupPolicies at work: the planner (pure: which versions each policy's rules select or keep, and why, with the
 * plan's stable hash), the plan read from the metadata a package at a time, and the runs that apply it through the
 * core's version deletes on a schedule, one replica at a time.
 */
@NullMarked
package dev.wharf.runtime.cleanup;

import org.jspecify.annotations.NullMarked;
