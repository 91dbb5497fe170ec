/** Tests of dev.wharf.operator.firewall. */
@NullMarked
package dev.wharf.operator.firewall;

import org.jspecify.annotations.NullMarked;
