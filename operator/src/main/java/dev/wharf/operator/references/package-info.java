/**
 * What a Registry names in other resources: its UpstreamProxies, the policies that select it and the Secrets it
 * mounts; resolved against the operator's caches, hashed and mapped back from a changed resource to its Registries.
 */
@NullMarked
package dev.wharf.operator.references;

import org.jspecify.annotations.NullMarked;
