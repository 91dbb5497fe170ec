package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.config.ConfiguredRegistry;
import dev.wharf.runtime.config.ConfiguredUpstreamProxy;
import dev.wharf.runtime.metadata.RegistryUsage;
import dev.wharf.runtime.web.ServedRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A registry as the API shows it: its settings from the manifest and what it holds.
 *
 * @param role the caller's role in it, as its credentials allow (the read role for an anonymous reader)
 * @param metadata the Registry's {@code spec.metadata}, read-only through the API
 * @param upstreamProxies its UpstreamProxies in the order they are tried
 */
record RegistryView(
        String name,
        String format,
        boolean implemented,
        boolean ready,
        String role,
        List<String> problems,
        boolean allowPush,
        boolean allowOverwrite,
        List<Upstream> upstreamProxies,
        Map<String, String> metadata,
        Usage usage) {

    /** An UpstreamProxy of a registry. */
    record Upstream(String name, String url) {

        static List<Upstream> of(ConfiguredRegistry registry) {
            return registry.upstreamProxies().stream()
                    .map(proxy -> new Upstream(proxy.name(), url(proxy)))
                    .toList();
        }

        private static String url(ConfiguredUpstreamProxy proxy) {
            return proxy.spec().url();
        }
    }

    /** What a registry holds; {@code storageBytes} counts a blob used by two files twice. */
    record Usage(
            long packages,
            long versions,
            long files,
            long storageBytes,
            long downloads,
            @Nullable Instant lastPushedAt) {

        static Usage of(RegistryUsage usage) {
            return new Usage(
                    usage.packages(),
                    usage.versions(),
                    usage.files(),
                    usage.storageBytes(),
                    usage.downloads(),
                    usage.lastPushedAt());
        }
    }

    static RegistryView of(ServedRegistry registry, boolean implemented, Role role, RegistryUsage usage) {
        ConfiguredRegistry configured = registry.configured();
        return new RegistryView(
                registry.name(),
                registry.format().id(),
                implemented,
                configured.ready(),
                TokenRequest.name(role),
                configured.problems(),
                registry.allowPush(),
                registry.allowOverwrite(),
                Upstream.of(configured),
                metadata(configured),
                Usage.of(usage));
    }

    /** The manifest's {@code spec.metadata}, by key. */
    static Map<String, String> metadata(ConfiguredRegistry registry) {
        Map<String, String> metadata = registry.spec().metadata();
        return metadata == null ? Map.of() : new TreeMap<>(metadata);
    }
}
