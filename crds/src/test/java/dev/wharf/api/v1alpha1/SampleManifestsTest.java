package dev.wharf.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest under {@code samples/} must be accepted by the committed CRDs, schema and CEL rules alike. */
class SampleManifestsTest {

    static final Path SAMPLES = CustomResourceDefinitions.COMMITTED_DIR.resolveSibling("samples");
    static final ManifestValidator VALIDATOR = new ManifestValidator(CustomResourceDefinitions.committed());

    static Stream<Named<JsonNode>> sampleManifests() {
        return CustomResourceDefinitions.yamlFilesUnder(SAMPLES).stream()
                .flatMap(file -> CustomResourceDefinitions.readAll(file).stream()
                        .map(doc -> Named.of(
                                SAMPLES.relativize(file) + " "
                                        + doc.path("kind").asText() + "/"
                                        + doc.path("metadata").path("name").asText(),
                                doc)));
    }

    @ParameterizedTest
    @MethodSource("sampleManifests")
    void sampleWhenAppliedShouldBeAccepted(JsonNode manifest) {
        if (isSecret(manifest)) {
            // Local mode reads Secrets from the config directory; they must at least carry data.
            assertThat(manifest.has("stringData") || manifest.has("data")).isTrue();
            return;
        }
        if (isNamespace(manifest)) {
            // The cluster samples create the namespace they live in; the API server has nothing more to check.
            assertThat(manifest.path("metadata").path("name").asText()).isNotEmpty();
            return;
        }
        assertThat(VALIDATOR.validateCreate(manifest)).isEmpty();
    }

    private static boolean isNamespace(JsonNode manifest) {
        return manifest.path("apiVersion").asText().equals("v1")
                && manifest.path("kind").asText().equals("Namespace");
    }

    private static boolean isSecret(JsonNode manifest) {
        return manifest.path("apiVersion").asText().equals("v1")
                && manifest.path("kind").asText().equals("Secret");
    }

    @Test
    void samplesShouldCoverEveryKindAndTheLocalSet() {
        List<String> kinds = sampleManifests()
                .map(named -> named.getPayload().path("kind").asText())
                .distinct()
                .toList();
        assertThat(kinds).contains("Registry", "UpstreamProxy", "CleanupPolicy", "FirewallPolicy");
        assertThat(SAMPLES.resolve("local")).isDirectory();
        assertThat(SAMPLES.resolve("cluster")).isDirectory();
        assertThat(SAMPLES.resolve("policies")).isDirectory();
    }
}
