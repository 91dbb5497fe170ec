/** The FirewallPolicy resource: which dependency versions may enter through upstream proxies. */
@NullMarked
package dev.wharf.api.v1alpha1.firewall;

import org.jspecify.annotations.NullMarked;
