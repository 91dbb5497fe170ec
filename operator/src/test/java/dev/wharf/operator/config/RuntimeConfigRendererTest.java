package dev.wharf.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import dev.wharf.operator.references.ClusterView;
import dev.wharf.operator.references.ReferenceResolver;
import dev.wharf.operator.references.RegistryInputs;
import dev.wharf.operator.testing.SampleSecrets;
import dev.wharf.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ConfigMap's manifest files: what the runtime's parser validates, scoped to the one Registry. */
public class RuntimeConfigRendererTest {

    private static final ManifestValidator VALIDATOR = ManifestValidator.forPackagedCrds();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<Registry> sampleRegistries() {
        return Samples.registries();
    }

    @ParameterizedTest
    @MethodSource("sampleRegistries")
    void renderWhenGivenASampleShouldWriteDocumentsTheRuntimeValidatorAccepts(Registry registry) throws IOException {
        SortedMap<String, String> files = RuntimeConfigRenderer.render(resolve(registry));

        assertThat(files).containsKey(RuntimeConfigRenderer.REGISTRY_FILE);
        for (Map.Entry<String, String> file : files.entrySet()) {
            for (JsonNode document : documents(file.getValue())) {
                assertThat(VALIDATOR.validateCreate(document))
                        .as("%s of %s", file.getKey(), registry.getMetadata().getName())
                        .isEmpty();
                assertThat(document.path("status").isMissingNode()).isTrue();
                assertThat(document.path("metadata").path("uid").isMissingNode())
                        .isTrue();
            }
        }
    }

    @Test
    void renderWhenAFirewallPolicyTargetsOtherProxiesShouldKeepOnlyTheRegistrysOwn() throws IOException {
        List<HasMetadata> cluster = cluster();
        FirewallPolicy policy = cluster.stream()
                .filter(FirewallPolicy.class::isInstance)
                .map(FirewallPolicy.class::cast)
                .filter(r -> r.getMetadata().getName().equals("npm-supply-chain"))
                .findFirst()
                .orElseThrow();
        policy.getSpec().targets().upstreamProxies().add("pypi-org");

        SortedMap<String, String> files = RuntimeConfigRenderer.render(
                ReferenceResolver.resolve(sample("artifacts", "npm"), new ListView(cluster)));

        JsonNode rendered = documents(files.get(RuntimeConfigRenderer.FIREWALL_POLICIES_FILE))
                .getFirst();
        assertThat(rendered.path("spec").path("targets").path("upstreamProxies"))
                .extracting(JsonNode::asText)
                .containsExactly("npmjs");
    }

    @Test
    void renderWhenACleanupPolicySelectsByLabelShouldNameOnlyThisRegistry() throws IOException {
        SortedMap<String, String> files = RuntimeConfigRenderer.render(resolve(sample("artifacts", "npm")));

        JsonNode rendered = documents(files.get(RuntimeConfigRenderer.CLEANUP_POLICIES_FILE))
                .getFirst();
        assertThat(rendered.path("metadata").path("name").asText()).isEqualTo("standard");
        assertThat(rendered.path("spec").path("registrySelector").isMissingNode())
                .isTrue();
        assertThat(rendered.path("spec").path("registries"))
                .extracting(JsonNode::asText)
                .containsExactly("npm");
    }

    @Test
    void renderShouldNeverContainASecretValue() {
        SortedMap<String, String> files = RuntimeConfigRenderer.render(resolve(sample("artifacts", "docker")));

        assertThat(String.join("\n", files.values()))
                .doesNotContain("test-secret", "test-password", "kind: \"Secret\"");
    }

    private static Registry sample(String namespace, String name) {
        return Samples.registries().stream()
                .filter(r -> r.getMetadata().getNamespace().equals(namespace)
                        && r.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The registry resolved against {@link #cluster()}. */
    private static RegistryInputs resolve(Registry registry) {
        return ReferenceResolver.resolve(registry, new ListView(cluster()));
    }

    /** Every sample and the sample Secrets, as the operator's caches would hold them. */
    private static List<HasMetadata> cluster() {
        List<HasMetadata> all = new ArrayList<>(Samples.all());
        all.addAll(SampleSecrets.cluster());
        return all;
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            values.forEachRemaining(documents::add);
        }
        return documents;
    }

    /** A {@link ClusterView} over a list of resources. */
    public record ListView(List<HasMetadata> resources) implements ClusterView {

        @Override
        public Optional<UpstreamProxy> upstreamProxy(String namespace, String name) {
            return find(UpstreamProxy.class, namespace, name);
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return find(Secret.class, namespace, name);
        }

        @Override
        public List<CleanupPolicy> cleanupPolicies(String namespace) {
            return inNamespace(CleanupPolicy.class, namespace);
        }

        @Override
        public List<FirewallPolicy> firewallPolicies(String namespace) {
            return inNamespace(FirewallPolicy.class, namespace);
        }

        private <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String name) {
            return inNamespace(type, namespace).stream()
                    .filter(r -> r.getMetadata().getName().equals(name))
                    .findFirst();
        }

        private <T extends HasMetadata> List<T> inNamespace(Class<T> type, String namespace) {
            return resources.stream()
                    .filter(type::isInstance)
                    .map(type::cast)
                    .filter(r -> namespace.equals(r.getMetadata().getNamespace()))
                    .toList();
        }
    }
}
