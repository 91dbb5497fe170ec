/** The Wharf API, group {@code wharf.dev}, version {@code v1alpha1}: Registry, UpstreamProxy, CleanupPolicy and FirewallPolicy. */
@NullMarked
package dev.wharf.api.v1alpha1;

import org.jspecify.annotations.NullMarked;
