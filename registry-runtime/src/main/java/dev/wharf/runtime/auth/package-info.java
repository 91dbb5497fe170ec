/** Who is calling and what they may do: users, API tokens, per-registry roles and the one authorization check. */
@NullMarked
package dev.wharf.runtime.auth;

import org.jspecify.annotations.NullMarked;
