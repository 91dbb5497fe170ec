/**
 * The npm format under {@code /npm/<registry>/}: publish, install, dist-tags, deprecate and unpublish as the npm,
 * pnpm and yarn clients speak the registry protocol, logins that answer Wharf API tokens, and packuments proxied from
 * upstream npm registries with their tarball URLs rewritten to Wharf's own.
 */
@NullMarked
package dev.wharf.runtime.npm;

import org.jspecify.annotations.NullMarked;
