package dev.wharf.runtime.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One immutable snapshot of the configuration: the Registries to serve, the UpstreamProxies, CleanupPolicies and
 * FirewallPolicies that apply to them, the Secrets they use, and the problems found while loading it. Maps are in
 * name order.
 */
public final class RuntimeConfiguration {

    private final String source;
    private final Instant loadedAt;
    private final String fingerprint;
    private final Map<String, ConfiguredRegistry> registries;
    private final Map<String, ConfiguredUpstreamProxy> upstreamProxies;
    private final Map<String, ConfiguredCleanupPolicy> cleanupPolicies;
    private final Map<String, ConfiguredFirewallPolicy> firewallPolicies;
    private final ManifestSecrets manifestSecrets;
    private final SecretResolver secrets;
    private final List<ConfigProblem> documentProblems;
    private final List<ConfigProblem> referenceProblems;

    @SuppressWarnings("TooManyParameters") // built in one place, by ConfigurationAssembler
    RuntimeConfiguration(
            String source,
            Instant loadedAt,
            String fingerprint,
            Map<String, ConfiguredRegistry> registries,
            Map<String, ConfiguredUpstreamProxy> upstreamProxies,
            Map<String, ConfiguredCleanupPolicy> cleanupPolicies,
            Map<String, ConfiguredFirewallPolicy> firewallPolicies,
            ManifestSecrets manifestSecrets,
            SecretResolver secrets,
            List<ConfigProblem> documentProblems,
            List<ConfigProblem> referenceProblems) {
        this.source = source;
        this.loadedAt = loadedAt;
        this.fingerprint = fingerprint;
        this.registries = sorted(registries);
        this.upstreamProxies = sorted(upstreamProxies);
        this.cleanupPolicies = sorted(cleanupPolicies);
        this.firewallPolicies = sorted(firewallPolicies);
        this.manifestSecrets = manifestSecrets;
        this.secrets = secrets;
        this.documentProblems = List.copyOf(documentProblems);
        this.referenceProblems = List.copyOf(referenceProblems);
    }

    /** Where the manifests were read, such as {@code samples/local} or {@code classpath:wharf/samples/local/}. */
    public String source() {
        return source;
    }

    /** When this snapshot was loaded. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** A SHA-256 of what this snapshot was read from; equal fingerprints mean nothing changed. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The Registries by name, including those that cannot serve ({@link ConfiguredRegistry#ready()} false). */
    public Map<String, ConfiguredRegistry> registries() {
        return registries;
    }

    /** The Registry named {@code name}. */
    public Optional<ConfiguredRegistry> registry(String name) {
        return Optional.ofNullable(registries.get(name));
    }

    /** The UpstreamProxies by name. */
    public Map<String, ConfiguredUpstreamProxy> upstreamProxies() {
        return upstreamProxies;
    }

    /** The CleanupPolicies by name. */
    public Map<String, ConfiguredCleanupPolicy> cleanupPolicies() {
        return cleanupPolicies;
    }

    /** The FirewallPolicies by name. */
    public Map<String, ConfiguredFirewallPolicy> firewallPolicies() {
        return firewallPolicies;
    }

    /** The CleanupPolicies that select Registry {@code registry}, in name order. */
    public List<ConfiguredCleanupPolicy> cleanupPoliciesFor(String registry) {
        return cleanupPolicies.values().stream()
                .filter(policy -> policy.registries().contains(registry))
                .toList();
    }

    /** The FirewallPolicies that guard Registry {@code registry} or one of its UpstreamProxies, in name order. */
    public List<ConfiguredFirewallPolicy> firewallPoliciesFor(String registry) {
        ConfiguredRegistry target = registries.get(registry);
        if (target == null) {
            return List.of();
        }
        return firewallPolicies.values().stream()
                .filter(policy -> policy.appliesTo(target))
                .toList();
    }

    /** The Secrets the Registries and UpstreamProxies name; values are read on demand and never logged. */
    public SecretResolver secrets() {
        return secrets;
    }

    /** The Secrets given as manifests, to tell which changed between two snapshots. */
    ManifestSecrets manifestSecrets() {
        return manifestSecrets;
    }

    /** Every problem: the documents that were refused, then the references that do not resolve. */
    public List<ConfigProblem> problems() {
        List<ConfigProblem> all = new ArrayList<>(documentProblems);
        all.addAll(referenceProblems);
        return List.copyOf(all);
    }

    /** Files and documents that could not be read or validated; each one's content is missing from this snapshot. */
    public List<ConfigProblem> documentProblems() {
        return documentProblems;
    }

    /** Whether every file and document was read and valid (references may still be missing). */
    public boolean complete() {
        return documentProblems.isEmpty();
    }

    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    @Override
    public String toString() {
        return "RuntimeConfiguration[source=" + source + ", loadedAt=" + loadedAt + ", registries="
                + registries.keySet() + ", upstreamProxies=" + upstreamProxies.keySet() + ", cleanupPolicies="
                + cleanupPolicies.keySet() + ", firewallPolicies=" + firewallPolicies.keySet() + ", secrets="
                + secrets + ", problems=" + problems() + "]";
    }
}
