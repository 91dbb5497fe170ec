package dev.wharf.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest under {@code src/test/resources/invalid/} must be refused with the message its first line names
 * ({@code # expect: <part of the message>}). A file named {@code *.update.yaml} holds two documents, the object before
 * and after an update, and checks transition rules.
 */
class InvalidManifestsTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "invalid");
    static final ManifestValidator VALIDATOR = new ManifestValidator(CustomResourceDefinitions.committed());

    static Stream<Named<Path>> fixtures() {
        return CustomResourceDefinitions.yamlFilesUnder(FIXTURES).stream()
                .map(file -> Named.of(file.getFileName().toString(), file));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void invalidManifestWhenAppliedShouldBeRefusedWithItsMessage(Path fixture) throws IOException {
        String expected = expectedMessage(fixture);
        List<JsonNode> documents = CustomResourceDefinitions.readAll(fixture);

        List<String> problems = fixture.getFileName().toString().endsWith(".update.yaml")
                ? VALIDATOR.validateUpdate(documents.get(0), documents.get(1))
                : VALIDATOR.validateCreate(documents.get(0));

        assertThat(problems).as("problems reported for %s", fixture).anyMatch(p -> p.contains(expected));
    }

    private static String expectedMessage(Path fixture) throws IOException {
        String first = Files.readAllLines(fixture).get(0);
        assertThat(first)
                .as("%s must start with '# expect: <message>'", fixture)
                .startsWith("# expect: ");
        return first.substring("# expect: ".length()).trim();
    }
}
