/** The generic format: any file, under a package and a version, uploaded and downloaded with curl. */
@NullMarked
package dev.wharf.runtime.generic;

import org.jspecify.annotations.NullMarked;
