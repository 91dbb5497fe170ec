/** The FirewallPolicy controller: which Registries each policy guards, computed into its status. */
@NullMarked
package dev.wharf.operator.firewall;

import org.jspecify.annotations.NullMarked;
