/** wharf token: create, list and revoke API tokens. */
@NullMarked
package dev.wharf.cli.token;

import org.jspecify.annotations.NullMarked;
