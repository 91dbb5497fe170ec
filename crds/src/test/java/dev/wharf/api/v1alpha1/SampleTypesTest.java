package dev.wharf.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Java types read every sample and write it back unchanged: they model every field the schema has. */
class SampleTypesTest {

    static final Map<String, Class<? extends CustomResource<?, ?>>> TYPES = Map.of(
            "Registry", Registry.class,
            "UpstreamProxy", UpstreamProxy.class,
            "CleanupPolicy", CleanupPolicy.class,
            "FirewallPolicy", FirewallPolicy.class);

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static Stream<Named<JsonNode>> wharfSamples() {
        return SampleManifestsTest.sampleManifests()
                .filter(named ->
                        TYPES.containsKey(named.getPayload().path("kind").asText()));
    }

    @ParameterizedTest
    @MethodSource("wharfSamples")
    void sampleWhenReadIntoItsTypeAndWrittenBackShouldBeUnchanged(JsonNode manifest) {
        Class<? extends CustomResource<?, ?>> type =
                TYPES.get(manifest.path("kind").asText());

        CustomResource<?, ?> resource = SERIALIZATION.convertValue(manifest, type);
        JsonNode written = SERIALIZATION.convertValue(resource, JsonNode.class);

        assertThat(written.get("spec")).isEqualTo(manifest.get("spec"));
        assertThat(written.path("metadata").path("name"))
                .isEqualTo(manifest.path("metadata").path("name"));
    }
}
