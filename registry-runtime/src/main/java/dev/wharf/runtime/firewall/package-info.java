/**
 * The dependency firewall: FirewallPolicies compiled into conditions (minimum age, package URLs, SPDX licenses, OSV
 * advisories, CEL expressions) and evaluated into a verdict per version with a reason for every rule that matched.
 */
@NullMarked
package dev.wharf.runtime.firewall;

import org.jspecify.annotations.NullMarked;
