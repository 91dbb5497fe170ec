/** The UpstreamProxy resource: a remote source a Registry pulls through, with its cache and breaker settings. */
@NullMarked
package dev.wharf.api.v1alpha1.upstream;

import org.jspecify.annotations.NullMarked;
