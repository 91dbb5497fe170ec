/** wharf login and wharf logout. */
@NullMarked
package dev.wharf.cli.login;

import org.jspecify.annotations.NullMarked;
