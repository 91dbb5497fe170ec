package dev.wharf.operator.references;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicyStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.operator.config.RuntimeConfigRendererTest.ListView;
import dev.wharf.operator.testing.SampleSecrets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** From a changed resource to exactly the Registries it affects. */
class RegistryMappersTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static final Registry NPM = registry("npm", "format: npm\n  upstreamProxies: [npmjs]");
    private static final Registry FILES = registry("files", "format: generic\n  access: {usersSecret: deployers}");
    private static final Registry OTHER = registry("other", "format: generic");

    @Test
    void usersOfWhenASecretIsAProxysCredentialsShouldMapToTheRegistriesNamingTheProxy() {
        UpstreamProxy proxy = YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata: {name: npmjs, namespace: ns}
                spec: {format: npm, url: "https://registry.npmjs.org", credentialsSecret: npm-token}
                """, UpstreamProxy.class);
        ListView cluster = new ListView(List.<HasMetadata>of(proxy));

        assertThat(RegistryMappers.usersOf(
                        SampleSecrets.secret("ns", "npm-token", Map.of()),
                        List.of(NPM, FILES, OTHER).stream(),
                        cluster))
                .containsExactly(new ResourceID("npm", "ns"));
        assertThat(RegistryMappers.usersOf(
                        SampleSecrets.secret("ns", "deployers", Map.of()),
                        List.of(NPM, FILES, OTHER).stream(),
                        cluster))
                .containsExactly(new ResourceID("files", "ns"));
        assertThat(RegistryMappers.usersOf(
                        SampleSecrets.secret("ns", "unrelated", Map.of()),
                        List.of(NPM, FILES, OTHER).stream(),
                        cluster))
                .isEmpty();
    }

    @Test
    void usersOfWhenAProxyChangesShouldMapToTheRegistriesNamingIt() {
        UpstreamProxy proxy = YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata: {name: npmjs, namespace: ns}
                spec: {format: npm, url: "https://registry.npmjs.org"}
                """, UpstreamProxy.class);

        assertThat(RegistryMappers.usersOf(proxy, List.of(NPM, FILES, OTHER).stream()))
                .containsExactly(new ResourceID("npm", "ns"));
    }

    @Test
    void selectedByWhenAPolicyNoLongerSelectsARegistryItsStatusListsShouldStillMapToIt() {
        CleanupPolicy policy = YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata: {name: standard, namespace: ns}
                spec:
                  registries: [files]
                  schedule: "@daily"
                  rules: [{name: old, olderThan: 90d}]
                """, CleanupPolicy.class);
        policy.setStatus(new CleanupPolicyStatus(null, 1L, List.of("other"), null, null, null));

        assertThat(RegistryMappers.selectedBy(policy, List.of(NPM, FILES, OTHER).stream()))
                .containsExactlyInAnyOrder(new ResourceID("files", "ns"), new ResourceID("other", "ns"));
    }

    private static Registry registry(String name, String spec) {
        return YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: %s, namespace: ns}
                spec:
                  %s
                """.formatted(name, spec), Registry.class);
    }
}
