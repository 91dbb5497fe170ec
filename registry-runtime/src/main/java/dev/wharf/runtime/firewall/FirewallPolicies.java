package dev.wharf.runtime.firewall;

import dev.wharf.runtime.config.ConfigurationListener;
import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.config.ConfiguredFirewallPolicy;
import dev.wharf.runtime.config.RuntimeConfiguration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded FirewallPolicies, compiled once per configuration change; a policy that does not compile is logged with
 * its problems and applied nowhere. Advisory indexes are kept by policy name across changes, so a reload does not
 * forget what was downloaded.
 */
public final class FirewallPolicies implements ConfigurationListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FirewallPolicies.class);

    /** The compiled policies of one configuration, with what they target. */
    private record Compiled(
            String fingerprint,
            Map<String, CompiledPolicy> policies,
            Map<String, ConfiguredFirewallPolicy> configured) {}

    private final ConfigurationStore configuration;
    private final Map<String, AdvisoryIndex> advisories = new ConcurrentHashMap<>();
    private volatile Compiled compiled;

    public FirewallPolicies(ConfigurationStore configuration) {
        this.configuration = configuration;
        this.compiled = compile(configuration.subscribe(this));
    }

    @Override
    public void onChange(RuntimeConfiguration previous, RuntimeConfiguration current) {
        compiled = compile(current);
    }

    @Override
    public void close() {
        configuration.unsubscribe(this);
    }

    private Compiled compile(RuntimeConfiguration current) {
        Map<String, CompiledPolicy> policies = new LinkedHashMap<>();
        current.firewallPolicies().forEach((name, policy) -> {
            Supplier<Optional<AdvisoryIndex>> index = () -> Optional.ofNullable(advisories.get(name));
            CompiledPolicy compiledPolicy = CompiledPolicy.compile(name, policy.spec(), index);
            if (!compiledPolicy.applied()) {
                LOG.warn("FirewallPolicy {} is not applied: {}", name, String.join("; ", compiledPolicy.problems()));
            }
            policies.put(name, compiledPolicy);
        });
        return new Compiled(current.fingerprint(), Map.copyOf(policies), Map.copyOf(current.firewallPolicies()));
    }

    /**
     * The policies guarding what enters {@code registry} through the UpstreamProxy {@code upstream}: those targeting
     * the Registry, or that UpstreamProxy; in name order.
     */
    public List<CompiledPolicy> guarding(String registry, String upstream) {
        Compiled current = compiled;
        return current.configured().values().stream()
                .filter(policy -> policy.registries().contains(registry)
                        || policy.upstreamProxies().contains(upstream))
                .map(policy -> current.policies().get(policy.name()))
                .filter(policy -> policy != null)
                .sorted(java.util.Comparator.comparing(CompiledPolicy::name))
                .toList();
    }

    /** Every compiled policy, by name. */
    public Map<String, CompiledPolicy> all() {
        return compiled.policies();
    }

    /** The configured policy {@code name}, when loaded. */
    public Optional<ConfiguredFirewallPolicy> configured(String name) {
        return Optional.ofNullable(compiled.configured().get(name));
    }

    /** What verdicts now depend on besides a version's facts: the configuration and the advisories loaded. */
    String inputs() {
        StringBuilder inputs = new StringBuilder(compiled.fingerprint());
        advisories.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> inputs.append('|')
                        .append(entry.getKey())
                        .append('@')
                        .append(entry.getValue().loadedAt()));
        return inputs.toString();
    }

    /** Replaces the advisories of the policy {@code name}. */
    void advisoriesLoaded(String name, AdvisoryIndex index) {
        advisories.put(name, index);
    }

    /** The advisories of the policy {@code name}, when loaded. */
    public Optional<AdvisoryIndex> advisories(String name) {
        return Optional.ofNullable(advisories.get(name));
    }
}
