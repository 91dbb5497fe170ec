package dev.wharf.operator.testing;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Wharf resources for tests, written as the YAML a user would apply, so they follow the API types as they change. */
public final class Resources {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Resources() {}

    /** An npm Registry naming the given UpstreamProxies, in order. */
    public static Registry registry(String namespace, String name, String... upstreamProxies) {
        String proxies = Arrays.stream(upstreamProxies).collect(Collectors.joining(", ", "[", "]"));
        return SERIALIZATION.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: %s, namespace: %s}
                spec: {format: npm, upstreamProxies: %s}
                """.formatted(name, namespace, proxies), Registry.class);
    }

    /** An npm UpstreamProxy for the public npm registry. */
    public static UpstreamProxy upstreamProxy(String namespace, String name) {
        return SERIALIZATION.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata: {name: %s, namespace: %s}
                spec: {format: npm, url: "https://registry.npmjs.org"}
                """.formatted(name, namespace), UpstreamProxy.class);
    }
}
