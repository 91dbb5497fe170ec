package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.registry.Access;
import dev.wharf.api.v1alpha1.registry.Database;
import dev.wharf.api.v1alpha1.registry.PostgresDatabase;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import dev.wharf.api.v1alpha1.registry.S3Storage;
import dev.wharf.api.v1alpha1.registry.Storage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resolves what a Registry names in other documents, checks that a single manifest cannot make: its UpstreamProxies
 * (they exist and speak its format) and its Secrets (they exist with the keys the runtime reads). What does not
 * resolve becomes a problem of the Registry, which is loaded anyway and does not serve until it is fixed.
 */
final class RegistryReferences {

    private final Map<String, ConfiguredUpstreamProxy> proxies;
    private final MissingReferences missing;

    /**
     * @param proxies the UpstreamProxies loaded, by name
     * @param missing explains what does not resolve
     */
    RegistryReferences(Map<String, ConfiguredUpstreamProxy> proxies, MissingReferences missing) {
        this.proxies = proxies;
        this.missing = missing;
    }

    /** The Registry with its references resolved, and {@code problems} prepended to its own. */
    ConfiguredRegistry resolve(Registry registry, List<String> problems) {
        RegistrySpec spec = registry.getSpec();
        String name = registry.getMetadata().getName();
        List<String> reasons = new ArrayList<>(problems);
        List<ConfiguredUpstreamProxy> upstreams = new ArrayList<>();
        Set<String> secretNames = new LinkedHashSet<>();
        List<String> listed = spec.upstreamProxies();
        for (String proxyName : listed == null ? List.<String>of() : listed) {
            ConfiguredUpstreamProxy proxy = proxies.get(proxyName);
            if (proxy == null) {
                reasons.add("spec.upstreamProxies: UpstreamProxy " + proxyName
                        + missing.whyMissing("UpstreamProxy", proxyName));
            } else if (proxy.format() != spec.format()) {
                reasons.add("spec.upstreamProxies: UpstreamProxy " + proxyName + " has format "
                        + proxy.format().id()
                        + ", but this Registry has format " + spec.format().id()
                        + "; a Registry can only use UpstreamProxies of its own format");
            } else {
                upstreams.add(proxy);
                String credentials = proxy.spec().credentialsSecret();
                if (credentials != null) {
                    secretNames.add(credentials);
                    missing.secretProblem(
                                    credentials, "UpstreamProxy " + proxyName + " spec.credentialsSecret", List.of())
                            .ifPresent(reasons::add);
                }
            }
        }
        Access access = spec.access();
        String users = access == null ? null : access.usersSecret();
        check(users, "spec.access.usersSecret", List.of("users"), secretNames, reasons);
        Storage storage = spec.storage();
        S3Storage s3 = storage == null ? null : storage.s3();
        check(
                s3 == null ? null : s3.credentialsSecret(),
                "spec.storage.s3.credentialsSecret",
                List.of("accessKey", "secretKey"),
                secretNames,
                reasons);
        Database database = spec.database();
        PostgresDatabase postgres = database == null ? null : database.postgres();
        check(
                postgres == null ? null : postgres.secret(),
                "spec.database.postgres.secret",
                List.of("url", "username", "password"),
                secretNames,
                reasons);
        Map<String, String> labels = registry.getMetadata().getLabels();
        return new ConfiguredRegistry(name, labels == null ? Map.of() : labels, spec, upstreams, secretNames, reasons);
    }

    private void check(
            @Nullable String secret, String field, List<String> keys, Set<String> secretNames, List<String> reasons) {
        if (secret != null) {
            secretNames.add(secret);
            missing.secretProblem(secret, field, keys).ifPresent(reasons::add);
        }
    }
}
