package dev.wharf.operator.references;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Registry with everything it refers to resolved: what the dependents render from and the status is computed from.
 *
 * @param registry the Registry
 * @param upstreamProxies the UpstreamProxies it names that exist and speak its format, in its order
 * @param cleanupPolicies the CleanupPolicies that select it, by name
 * @param firewallPolicies the FirewallPolicies that guard it, by name
 * @param secretReferences every Secret its runtime reads, each once, in a stable order
 * @param secrets those of the referenced Secrets that exist, by name
 * @param problems the references that do not resolve; empty when all do
 */
public record RegistryInputs(
        Registry registry,
        List<UpstreamProxy> upstreamProxies,
        List<CleanupPolicy> cleanupPolicies,
        List<FirewallPolicy> firewallPolicies,
        List<SecretReference> secretReferences,
        SortedMap<String, Secret> secrets,
        List<ReferenceProblem> problems) {

    public RegistryInputs {
        upstreamProxies = List.copyOf(upstreamProxies);
        cleanupPolicies = List.copyOf(cleanupPolicies);
        firewallPolicies = List.copyOf(firewallPolicies);
        secretReferences = List.copyOf(secretReferences);
        secrets = new TreeMap<>(secrets);
        problems = List.copyOf(problems);
    }

    /** The names of the referenced Secrets, sorted; each is mounted into the registry pods. */
    public List<String> secretNames() {
        return secretReferences.stream().map(SecretReference::name).sorted().toList();
    }

    /** The referenced Secrets by name, null for those that do not exist. */
    public Map<String, Secret> secretsByName() {
        return secrets;
    }

    /** Whether every reference resolves. */
    public boolean resolved() {
        return problems.isEmpty();
    }
}
