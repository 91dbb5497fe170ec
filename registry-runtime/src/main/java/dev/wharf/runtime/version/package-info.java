/** Each format's version scheme: how it names packages, orders and validates versions, and picks the latest. */
@NullMarked
package dev.wharf.runtime.version;

import org.jspecify.annotations.NullMarked;
