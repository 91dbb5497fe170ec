package dev.wharf.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The transition rules that keep a Registry's data volume as its StatefulSet made it: updates that leave the volume's
 * size and class alone, or that move the data off the volume, pass ({@code invalid/*.update.yaml} has the refused).
 */
class RegistryVolumeTransitionsTest {

    private static final ManifestValidator VALIDATOR = new ManifestValidator(CustomResourceDefinitions.committed());
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "the same size, another field changed | {filesystem: {size: 50Gi}} | {filesystem: {size: 50Gi}}"
                        + " | maxUploadSize: 1Gi",
                "the default written out | {filesystem: {}} | {filesystem: {size: 10Gi}} | ''",
                "the same class | {filesystem: {storageClassName: fast}} | {filesystem: {storageClassName: fast}} | ''",
                "moved to S3 and PostgreSQL | {filesystem: {size: 50Gi}} | {s3: {endpoint: 'https://s3.example.com',"
                        + " bucket: wharf, credentialsSecret: s3}} | 'database: {postgres: {secret: db}}'",
            })
    void updateWhenTheVolumeStaysAsItWasShouldPass(String description, String before, String after, String extra)
            throws IOException {
        assertThat(VALIDATOR.validateUpdate(registry(before, ""), registry(after, extra)))
                .as(description)
                .isEmpty();
    }

    private static JsonNode registry(String storage, String extra) throws IOException {
        return YAML.readTree("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: sample}
                spec:
                  format: generic
                  storage: %s
                  %s
                """.formatted(storage, extra));
    }
}
