package dev.wharf.operator.references;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.config.RuntimeConfigRendererTest;
import dev.wharf.operator.testing.SampleSecrets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolving what a Registry names, and the messages for what does not resolve. */
class ReferenceResolverTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void resolveWhenTheProxySpeaksAnotherFormatShouldSayBothFormats() {
        Registry registry = registry("format: npm\n  upstreamProxies: [pypi-org]");
        HasMetadata proxy = YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata: {name: pypi-org, namespace: ns}
                spec: {format: pypi, url: "https://pypi.org"}
                """, dev.wharf.api.v1alpha1.upstream.UpstreamProxy.class);

        RegistryInputs inputs = ReferenceResolver.resolve(registry, view(List.of(proxy)));

        assertThat(inputs.upstreamProxies()).isEmpty();
        assertThat(inputs.problems())
                .containsExactly(new ReferenceProblem(
                        "UpstreamProxyFormatMismatch",
                        "spec.upstreamProxies names UpstreamProxy pypi-org of format pypi, but this Registry has"
                                + " format npm; a Registry can only use UpstreamProxies of its own format"));
    }

    @Test
    void resolveWhenTheSecretLacksAKeyShouldNameTheKeyAndNotTheValues() {
        Registry registry = registry(
                "format: generic\n  storage: {s3: {endpoint: \"http://s3:9000\", bucket: b, credentialsSecret: s3}}\n"
                        + "  database: {postgres: {secret: db}}");
        List<HasMetadata> cluster = new ArrayList<>();
        cluster.add(SampleSecrets.secret("ns", "s3", Map.of("accessKey", "AKIA-VALUE")));
        cluster.add(
                SampleSecrets.secret("ns", "db", Map.of("url", "postgresql://db/w", "username", "u", "password", "p")));

        RegistryInputs inputs = ReferenceResolver.resolve(registry, view(cluster));

        assertThat(inputs.problems())
                .containsExactly(new ReferenceProblem(
                        "SecretKeyMissing",
                        "spec.storage.s3.credentialsSecret names Secret s3, which has no key secretKey; it needs"
                                + " accessKey, secretKey"));
        assertThat(inputs.secretNames()).containsExactly("db", "s3");
    }

    @Test
    void resolveWhenAProxyHasCredentialsShouldMountThemToo() {
        Registry registry = registry("format: npm\n  upstreamProxies: [npmjs]");
        HasMetadata proxy = YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata: {name: npmjs, namespace: ns}
                spec: {format: npm, url: "https://registry.npmjs.org", credentialsSecret: npm-token}
                """, dev.wharf.api.v1alpha1.upstream.UpstreamProxy.class);

        RegistryInputs inputs = ReferenceResolver.resolve(registry, view(List.of(proxy)));

        assertThat(inputs.secretNames()).containsExactly("npm-token");
        assertThat(inputs.problems())
                .extracting(ReferenceProblem::message)
                .containsExactly("UpstreamProxy npmjs spec.credentialsSecret names Secret npm-token, which does not"
                        + " exist in namespace ns; create it");
    }

    private static Registry registry(String spec) {
        return YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: r, namespace: ns}
                spec:
                  %s
                """.formatted(spec), Registry.class);
    }

    private static ClusterView view(List<HasMetadata> resources) {
        return new RuntimeConfigRendererTest.ListView(resources);
    }
}
