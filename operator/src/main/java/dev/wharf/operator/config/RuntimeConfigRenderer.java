package dev.wharf.operator.config;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicySpec;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicySpec;
import dev.wharf.api.v1alpha1.firewall.Targets;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.operator.references.PolicySelection;
import dev.wharf.operator.references.RegistryInputs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Renders a Registry and what applies to it into the manifest files the runtime reads from its configuration
 * directory ({@code wharf.config-dir}): one file per kind, each document holding only {@code apiVersion}, {@code kind},
 * {@code metadata.name} (and a Registry's labels) and {@code spec}, so that the runtime validates exactly what the
 * user wrote. Secrets are never rendered: the runtime reads them from their mounts.
 *
 * <p>The runtime serves one Registry per pod, so policies are scoped to it: a CleanupPolicy names only this Registry
 * (whether it selected it by name or by labels), and a FirewallPolicy targets only this Registry and the
 * UpstreamProxies it uses; otherwise the runtime would report every other target as missing.
 */
public final class RuntimeConfigRenderer {

    /** The file holding the Registry. */
    public static final String REGISTRY_FILE = "registry.yaml";

    /** The file holding the Registry's UpstreamProxies, in its order. */
    public static final String UPSTREAM_PROXIES_FILE = "upstreamproxies.yaml";

    /** The file holding the CleanupPolicies that select the Registry. */
    public static final String CLEANUP_POLICIES_FILE = "cleanuppolicies.yaml";

    /** The file holding the FirewallPolicies that guard the Registry. */
    public static final String FIREWALL_POLICIES_FILE = "firewallpolicies.yaml";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private RuntimeConfigRenderer() {}

    /** The files by name, as the ConfigMap's data; kinds with no document have no file. */
    public static SortedMap<String, String> render(RegistryInputs inputs) {
        Registry source = inputs.registry();
        String name = source.getMetadata().getName();
        SortedMap<String, String> files = new TreeMap<>();

        Registry registry = new Registry();
        registry.setMetadata(metadata(name, source.getMetadata().getLabels()));
        registry.setSpec(source.getSpec());
        files.put(REGISTRY_FILE, yaml(List.of(registry)));

        List<UpstreamProxy> proxies = inputs.upstreamProxies().stream()
                .map(proxy -> {
                    UpstreamProxy copy = new UpstreamProxy();
                    copy.setMetadata(metadata(proxy.getMetadata().getName(), null));
                    copy.setSpec(proxy.getSpec());
                    return copy;
                })
                .toList();
        putIfAny(files, UPSTREAM_PROXIES_FILE, proxies);

        List<CleanupPolicy> cleanups = inputs.cleanupPolicies().stream()
                .map(policy -> scoped(policy, name))
                .toList();
        putIfAny(files, CLEANUP_POLICIES_FILE, cleanups);

        List<FirewallPolicy> firewalls = inputs.firewallPolicies().stream()
                .map(policy -> scoped(policy, source))
                .toList();
        putIfAny(files, FIREWALL_POLICIES_FILE, firewalls);
        return files;
    }

    private static CleanupPolicy scoped(CleanupPolicy policy, String registry) {
        CleanupPolicySpec spec = policy.getSpec();
        CleanupPolicy copy = new CleanupPolicy();
        copy.setMetadata(metadata(policy.getMetadata().getName(), null));
        copy.setSpec(new CleanupPolicySpec(
                List.of(registry),
                null,
                spec.schedule(),
                spec.timeZone(),
                spec.mode(),
                spec.approvedPlan(),
                spec.suspend(),
                spec.maxDeletionsPerRun(),
                spec.rules()));
        return copy;
    }

    private static FirewallPolicy scoped(FirewallPolicy policy, Registry registry) {
        FirewallPolicySpec spec = policy.getSpec();
        Targets targets = spec.targets();
        List<String> used = PolicySelection.upstreamProxies(registry);
        List<String> proxies = targets.upstreamProxies() == null
                ? List.of()
                : targets.upstreamProxies().stream().filter(used::contains).toList();
        String name = registry.getMetadata().getName();
        boolean named = targets.registries() != null && targets.registries().contains(name);
        FirewallPolicy copy = new FirewallPolicy();
        copy.setMetadata(metadata(policy.getMetadata().getName(), null));
        copy.setSpec(new FirewallPolicySpec(
                new Targets(proxies.isEmpty() ? null : proxies, named ? List.of(name) : null),
                spec.mode(),
                spec.failMode(),
                spec.rules(),
                spec.advisories(),
                spec.exemptions()));
        return copy;
    }

    private static ObjectMeta metadata(String name, @Nullable Map<String, String> labels) {
        ObjectMetaBuilder metadata = new ObjectMetaBuilder().withName(name);
        if (labels != null && !labels.isEmpty()) {
            metadata.withLabels(new TreeMap<>(labels));
        }
        return metadata.build();
    }

    private static void putIfAny(SortedMap<String, String> files, String file, List<? extends HasMetadata> documents) {
        if (!documents.isEmpty()) {
            files.put(file, yaml(documents));
        }
    }

    private static String yaml(List<? extends HasMetadata> documents) {
        return documents.stream().map(RuntimeConfigRenderer::document).collect(Collectors.joining("---\n"));
    }

    private static String document(HasMetadata resource) {
        String yaml = SERIALIZATION.asYaml(resource);
        return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }
}
