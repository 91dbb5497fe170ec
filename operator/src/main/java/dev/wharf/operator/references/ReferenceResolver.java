package dev.wharf.operator.references;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.Advisories;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Access;
import dev.wharf.api.v1alpha1.registry.Database;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import dev.wharf.api.v1alpha1.registry.Storage;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.operator.status.Reasons;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Resolves a Registry's references against a {@link ClusterView}: the same checks the runtime makes on its
 * configuration (UpstreamProxies exist and speak the Registry's format, Secrets exist with the keys the runtime
 * reads), made before the pods start so that {@code kubectl get registry} says what is missing.
 */
public final class ReferenceResolver {

    /** The keys the runtime reads from the users Secret. */
    static final List<String> USERS_KEYS = List.of("users");

    /** The keys the runtime reads from the S3 credentials Secret. */
    static final List<String> S3_KEYS = List.of("accessKey", "secretKey");

    /** The keys the runtime reads from the PostgreSQL Secret. */
    static final List<String> POSTGRES_KEYS = List.of("url", "username", "password");

    private ReferenceResolver() {}

    /** The Registry with its references resolved, and what does not resolve. */
    public static RegistryInputs resolve(Registry registry, ClusterView cluster) {
        String namespace = registry.getMetadata().getNamespace();
        RegistrySpec spec = registry.getSpec();
        List<ReferenceProblem> problems = new ArrayList<>();
        List<UpstreamProxy> proxies = new ArrayList<>();
        for (String name : PolicySelection.upstreamProxies(registry)) {
            Optional<UpstreamProxy> proxy = cluster.upstreamProxy(namespace, name);
            if (proxy.isEmpty()) {
                problems.add(new ReferenceProblem(
                        Reasons.UPSTREAM_PROXY_NOT_FOUND,
                        "spec.upstreamProxies names UpstreamProxy " + name + ", which does not exist in namespace "
                                + namespace + "; create it or remove the name"));
            } else if (proxy.get().getSpec().format() != spec.format()) {
                problems.add(new ReferenceProblem(
                        Reasons.UPSTREAM_PROXY_FORMAT_MISMATCH,
                        "spec.upstreamProxies names UpstreamProxy " + name + " of format "
                                + proxy.get().getSpec().format().id() + ", but this Registry has format "
                                + spec.format().id() + "; a Registry can only use UpstreamProxies of its own format"));
            } else {
                proxies.add(proxy.get());
            }
        }
        List<CleanupPolicy> cleanups = cluster.cleanupPolicies(namespace).stream()
                .filter(policy -> PolicySelection.selects(policy, registry))
                .sorted(Comparator.comparing(policy -> policy.getMetadata().getName()))
                .toList();
        List<FirewallPolicy> firewalls = cluster.firewallPolicies(namespace).stream()
                .filter(policy -> PolicySelection.selects(policy, registry))
                .sorted(Comparator.comparing(policy -> policy.getMetadata().getName()))
                .toList();

        List<SecretReference> references = secretReferences(spec, proxies, firewalls);
        SortedMap<String, Secret> secrets = new TreeMap<>();
        for (SecretReference reference : references) {
            Optional<Secret> secret = cluster.secret(namespace, reference.name());
            if (secret.isEmpty()) {
                problems.add(new ReferenceProblem(
                        Reasons.SECRET_NOT_FOUND,
                        reference.field() + " names Secret " + reference.name() + ", which does not exist in namespace "
                                + namespace + requirement(reference)));
                continue;
            }
            secrets.put(reference.name(), secret.get());
            List<String> absent = reference.requiredKeys().stream()
                    .filter(key -> !hasKey(secret.get(), key))
                    .toList();
            if (!absent.isEmpty()) {
                problems.add(new ReferenceProblem(
                        Reasons.SECRET_KEY_MISSING,
                        reference.field() + " names Secret " + reference.name() + ", which has no key "
                                + String.join(", ", absent) + "; it needs "
                                + String.join(", ", reference.requiredKeys())));
            }
        }
        return new RegistryInputs(registry, proxies, cleanups, firewalls, references, secrets, problems);
    }

    /** Every Secret the runtime of this Registry reads, each once (the first field naming it is kept). */
    static List<SecretReference> secretReferences(
            RegistrySpec spec, List<UpstreamProxy> proxies, List<FirewallPolicy> firewalls) {
        Map<String, SecretReference> byName = new LinkedHashMap<>();
        Access access = spec.access();
        add(byName, access == null ? null : access.usersSecret(), "spec.access.usersSecret", USERS_KEYS);
        Storage storage = spec.storage();
        add(
                byName,
                storage == null || storage.s3() == null ? null : storage.s3().credentialsSecret(),
                "spec.storage.s3.credentialsSecret",
                S3_KEYS);
        Database database = spec.database();
        add(
                byName,
                database == null || database.postgres() == null
                        ? null
                        : database.postgres().secret(),
                "spec.database.postgres.secret",
                POSTGRES_KEYS);
        for (UpstreamProxy proxy : proxies) {
            add(
                    byName,
                    proxy.getSpec().credentialsSecret(),
                    "UpstreamProxy " + proxy.getMetadata().getName() + " spec.credentialsSecret",
                    List.of());
        }
        for (FirewallPolicy firewall : firewalls) {
            Advisories advisories = firewall.getSpec().advisories();
            add(
                    byName,
                    advisories == null ? null : advisories.source().credentialsSecret(),
                    "FirewallPolicy " + firewall.getMetadata().getName() + " spec.advisories.source.credentialsSecret",
                    List.of());
        }
        return List.copyOf(byName.values());
    }

    private static void add(
            Map<String, SecretReference> byName, @Nullable String name, String field, List<String> keys) {
        if (name != null) {
            byName.putIfAbsent(name, new SecretReference(name, field, keys));
        }
    }

    private static boolean hasKey(Secret secret, String key) {
        return (secret.getData() != null && secret.getData().containsKey(key))
                || (secret.getStringData() != null && secret.getStringData().containsKey(key));
    }

    private static String requirement(SecretReference reference) {
        return reference.requiredKeys().isEmpty()
                ? "; create it"
                : "; create it with keys " + String.join(", ", reference.requiredKeys());
    }
}
