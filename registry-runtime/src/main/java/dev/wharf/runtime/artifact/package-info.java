/** Notions every format shares: package and version names, file paths, and their validation before storage. */
@NullMarked
package dev.wharf.runtime.artifact;

import org.jspecify.annotations.NullMarked;
