/** The Registry controller: its workflow of dependent resources, event sources and status. */
@NullMarked
package dev.wharf.operator.registry;

import org.jspecify.annotations.NullMarked;
