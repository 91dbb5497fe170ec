/** wharf artifact: list, push, pull, copy, delete and download packages and versions. */
@NullMarked
package dev.wharf.cli.artifact;

import org.jspecify.annotations.NullMarked;
