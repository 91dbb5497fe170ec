/** The runtime's configuration: manifests read from a directory, validated like the CRDs, and reloaded on change. */
@NullMarked
package dev.wharf.runtime.config;

import org.jspecify.annotations.NullMarked;
