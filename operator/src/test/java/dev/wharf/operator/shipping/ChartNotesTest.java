package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.CHART;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Registry that NOTES.txt tells a new user to apply is one the CRDs accept. */
class ChartNotesTest {

    /** The here-document of the {@code kubectl apply -f -} command in NOTES.txt. */
    private static final Pattern HERE_DOCUMENT = Pattern.compile("<<'YAML'\\n(.*?)\\n\\s*YAML\\n", Pattern.DOTALL);

    @Test
    void sampleRegistryInNotesShouldBeValidForTheCrds() {
        Matcher matcher = HERE_DOCUMENT.matcher(
                RepositoryFiles.read(CHART.resolve("templates").resolve("NOTES.txt")));
        assertThat(matcher.find()).as("NOTES.txt shows a Registry to apply").isTrue();
        JsonNode registry =
                RepositoryFiles.documents(matcher.group(1).stripIndent()).getFirst();

        assertThat(registry.path("kind").asText()).isEqualTo("Registry");
        assertThat(ManifestValidator.forPackagedCrds().validateCreate(registry)).isEmpty();
    }
}
