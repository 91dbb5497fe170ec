package dev.wharf.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.v1alpha1.validation.PackagedCrds;
import org.junit.jupiter.api.Test;

/** The upload limit of a Registry without {@code spec.maxUploadSize} is the one its CRD documents. */
class DefaultMaxUploadSizeTest {

    @Test
    void defaultMaxUploadBytesWhenUnsetShouldBeThe20GiTheCrdDescriptionNames() {
        JsonNode registry = PackagedCrds.read().stream()
                .filter(crd ->
                        crd.path("spec").path("names").path("kind").asText().equals("Registry"))
                .findFirst()
                .orElseThrow();
        String description = PackagedCrds.schemaOf(registry)
                .path("properties")
                .path("spec")
                .path("properties")
                .path("maxUploadSize")
                .path("description")
                .asText();

        assertThat(description).contains("Unset means 20Gi");
        assertThat(ServedRegistries.DEFAULT_MAX_UPLOAD_BYTES).isEqualTo(ByteSizes.parse("spec.maxUploadSize", "20Gi"));
    }
}
