/** What every route shares: the registries being served, the one authorization check, and RFC 9457 problems. */
@NullMarked
package dev.wharf.runtime.web;

import org.jspecify.annotations.NullMarked;
