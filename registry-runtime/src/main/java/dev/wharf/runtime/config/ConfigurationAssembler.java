package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link RuntimeConfiguration} from the parsed documents, with the checks across documents that a single
 * manifest cannot express: one resource per kind and name, the UpstreamProxies and Secrets each Registry names, and
 * the targets of each policy. Pure: the only I/O is the Secret lookups of {@code mountedSecrets}.
 */
final class ConfigurationAssembler {

    private ConfigurationAssembler() {}

    static RuntimeConfiguration assemble(
            ParsedManifests parsed, SecretResolver mountedSecrets, String source, String fingerprint, Instant now) {
        List<ConfigProblem> documentProblems = new ArrayList<>(parsed.problems());
        List<ConfigProblem> referenceProblems = new ArrayList<>();

        Map<String, Located<SecretManifest>> secretManifests =
                UniqueNames.firstOfEach(parsed.secrets(), "Secret", SecretManifest::name, documentProblems);
        Map<String, SecretManifest> secretsByName = new LinkedHashMap<>();
        secretManifests.forEach((name, secret) -> secretsByName.put(name, secret.value()));
        ManifestSecrets manifestSecrets = new ManifestSecrets(secretsByName);
        SecretResolver secrets = new LayeredSecrets(List.of(manifestSecrets, mountedSecrets));
        MissingReferences missing = new MissingReferences(parsed.refused(), secrets);

        Map<String, ConfiguredUpstreamProxy> proxies = new LinkedHashMap<>();
        UniqueNames.firstOfEach(
                        parsed.upstreamProxies(), "UpstreamProxy", ConfigurationAssembler::name, documentProblems)
                .forEach((name, proxy) -> proxies.put(
                        name, new ConfiguredUpstreamProxy(name, proxy.value().getSpec())));

        int beforeDuplicates = documentProblems.size();
        Map<String, Located<Registry>> uniqueRegistries = UniqueNames.firstOfEach(
                parsed.registries(), "Registry", ConfigurationAssembler::name, documentProblems);
        List<ConfigProblem> duplicates =
                List.copyOf(documentProblems.subList(beforeDuplicates, documentProblems.size()));
        RegistryReferences references = new RegistryReferences(proxies, missing);
        Map<String, ConfiguredRegistry> registries = new LinkedHashMap<>();
        uniqueRegistries.forEach((name, registry) -> {
            List<String> ambiguity = duplicates.stream()
                    .filter(duplicate -> name.equals(duplicate.location().name()))
                    .map(duplicate -> "Registry " + name + " is also defined in "
                            + duplicate.location().file() + "; remove one of the definitions")
                    .toList();
            ConfiguredRegistry configured = references.resolve(registry.value(), ambiguity);
            configured
                    .problems()
                    .forEach(reason -> referenceProblems.add(new ConfigProblem(registry.location(), reason)));
            registries.put(name, configured);
        });

        PolicyTargets targets = new PolicyTargets(registries, proxies, missing);
        Map<String, ConfiguredCleanupPolicy> cleanupPolicies = new LinkedHashMap<>();
        UniqueNames.firstOfEach(
                        parsed.cleanupPolicies(), "CleanupPolicy", ConfigurationAssembler::name, documentProblems)
                .forEach((name, policy) -> cleanupPolicies.put(
                        name,
                        targets.cleanup(
                                name,
                                policy.value().getSpec(),
                                reason -> referenceProblems.add(new ConfigProblem(policy.location(), reason)))));
        Map<String, ConfiguredFirewallPolicy> firewallPolicies = new LinkedHashMap<>();
        UniqueNames.firstOfEach(
                        parsed.firewallPolicies(), "FirewallPolicy", ConfigurationAssembler::name, documentProblems)
                .forEach((name, policy) -> firewallPolicies.put(
                        name,
                        targets.firewall(
                                name,
                                policy.value().getSpec(),
                                reason -> referenceProblems.add(new ConfigProblem(policy.location(), reason)))));

        return new RuntimeConfiguration(
                source,
                now,
                fingerprint,
                registries,
                proxies,
                cleanupPolicies,
                firewallPolicies,
                manifestSecrets,
                secrets,
                documentProblems,
                referenceProblems);
    }

    private static String name(CustomResource<?, ?> resource) {
        return resource.getMetadata().getName();
    }
}
