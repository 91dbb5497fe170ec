package dev.wharf.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The CRD YAML committed in {@code crds/} must be exactly what the build generates from the Java types. */
class CommittedCrdsTest {

    static final String REGENERATE = "./mvnw -pl crds -Pregenerate-crds process-classes";

    @ParameterizedTest
    @FieldSource("dev.wharf.api.v1alpha1.validation.PackagedCrds#FILE_NAMES")
    void committedCrdWhenTypesChangedShouldMatchGeneratedCrd(String fileName) throws IOException {
        String generated = generated(fileName);
        Path committed = CustomResourceDefinitions.COMMITTED_DIR.resolve(fileName);

        assertThat(committed)
                .as("crds/%s is missing; run %s", fileName, REGENERATE)
                .exists();
        assertThat(Files.readString(committed))
                .as(
                        "crds/%s is stale: it differs from what the build generates from the Java types; run %s and"
                                + " commit the result",
                        fileName, REGENERATE)
                .isEqualTo(generated);
    }

    private static String generated(String fileName) throws IOException {
        try (InputStream in = CommittedCrdsTest.class.getResourceAsStream("/META-INF/fabric8/" + fileName)) {
            assertThat(in)
                    .as("the CRD generator produced no %s; did process-classes run?", fileName)
                    .isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
