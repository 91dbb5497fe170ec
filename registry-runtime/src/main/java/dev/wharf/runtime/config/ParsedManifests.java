package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import java.util.List;

/**
 * The documents that passed validation, typed, in file order; the problems of those that did not; and where the
 * refused ones were, so a Registry naming a refused UpstreamProxy is told so rather than that it does not exist.
 *
 * @param registries valid Registries
 * @param upstreamProxies valid UpstreamProxies
 * @param cleanupPolicies valid CleanupPolicies
 * @param firewallPolicies valid FirewallPolicies
 * @param secrets valid Secrets
 * @param problems why each refused file or document was refused
 * @param refused the refused documents whose kind and name could be read
 */
record ParsedManifests(
        List<Located<Registry>> registries,
        List<Located<UpstreamProxy>> upstreamProxies,
        List<Located<CleanupPolicy>> cleanupPolicies,
        List<Located<FirewallPolicy>> firewallPolicies,
        List<Located<SecretManifest>> secrets,
        List<ConfigProblem> problems,
        List<ManifestLocation> refused) {

    ParsedManifests {
        registries = List.copyOf(registries);
        upstreamProxies = List.copyOf(upstreamProxies);
        cleanupPolicies = List.copyOf(cleanupPolicies);
        firewallPolicies = List.copyOf(firewallPolicies);
        secrets = List.copyOf(secrets);
        problems = List.copyOf(problems);
        refused = List.copyOf(refused);
    }
}
