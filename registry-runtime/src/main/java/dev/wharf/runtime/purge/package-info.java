/**
 * The purge command: runs the runtime once to delete one registry's metadata rows and the blobs only it used, then
 * exits; what a Registry's {@code spec.deletionPolicy: Delete} runs as a Job.
 */
@NullMarked
package dev.wharf.runtime.purge;

import org.jspecify.annotations.NullMarked;
