/** The Kubernetes objects a Registry runs as, one dependent resource per kind, rendered by pure code. */
@NullMarked
package dev.wharf.operator.registry.dependents;

import org.jspecify.annotations.NullMarked;
