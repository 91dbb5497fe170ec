package dev.wharf.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares rendered objects with the YAML committed under {@code src/test/resources/golden/}, as parsed documents.
 *
 * <p>To regenerate the files after an intended change, run the tests with {@code -Dwharf.golden.update=true} (or the
 * environment variable {@code WHARF_GOLDEN_UPDATE=true}), e.g. {@code ./mvnw -o -pl operator test
 * -Dtest=RegistryGoldenFilesTest -Dwharf.golden.update=true}, and review the diff before committing it.
 */
public final class GoldenFiles {

    /** The committed golden files, relative to the operator module (Surefire's working directory). */
    public static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private GoldenFiles() {}

    /** Whether this run rewrites the golden files instead of comparing with them. */
    public static boolean updating() {
        return Boolean.getBoolean("wharf.golden.update")
                || "true"
                        .equals(String.valueOf(System.getenv("WHARF_GOLDEN_UPDATE"))
                                .toLowerCase(Locale.ROOT));
    }

    /**
     * Asserts that the objects, stripped of what the API server assigns (uid, resourceVersion, timestamps, status),
     * equal the documents of the golden file; or writes the file when {@link #updating()}.
     */
    public static void assertMatches(String file, List<? extends HasMetadata> objects) {
        // Through YAML text and back, so that numbers compare by value, as in the file, not by Java type.
        List<JsonNode> actual = objects.stream()
                .map(GoldenFiles::stripped)
                .map(GoldenFiles::roundTrip)
                .toList();
        Path path = DIRECTORY.resolve(file);
        try {
            if (updating()) {
                Files.createDirectories(path.getParent());
                StringBuilder text = new StringBuilder(
                        "# Rendered by the operator; regenerate with -Dwharf.golden.update=true (see GoldenFiles).\n");
                for (JsonNode document : actual) {
                    text.append("---\n").append(YAML.writeValueAsString(document));
                }
                Files.writeString(path, text.toString(), StandardCharsets.UTF_8);
                return;
            }
            assertThat(path)
                    .as("golden file %s; create it with -Dwharf.golden.update=true", path)
                    .exists();
            List<JsonNode> expected = new ArrayList<>();
            try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(path.toFile())) {
                documents.forEachRemaining(document -> {
                    if (document != null && !document.isNull() && !document.isEmpty()) {
                        expected.add(document);
                    }
                });
            }
            assertThat(actual)
                    .as(
                            "the objects rendered for %s differ from the golden file; if the change is intended,"
                                    + " regenerate it with -Dwharf.golden.update=true",
                            file)
                    .isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode roundTrip(JsonNode document) {
        try {
            return YAML.readTree(YAML.writeValueAsString(document));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object as a document, without the fields the API server assigns. */
    public static JsonNode stripped(HasMetadata object) {
        ObjectNode document = (ObjectNode) YAML.valueToTree(SERIALIZATION.convertValue(object, JsonNode.class));
        document.remove("status");
        ObjectNode metadata = (ObjectNode) document.path("metadata");
        for (String assigned : List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields")) {
            metadata.remove(assigned);
        }
        if (metadata.path("annotations").isObject()) {
            ObjectNode annotations = (ObjectNode) metadata.path("annotations");
            annotations.remove("javaoperatorsdk.io/previous");
            if (annotations.isEmpty()) {
                metadata.remove("annotations");
            }
        }
        if (metadata.path("ownerReferences").isArray()) {
            metadata.path("ownerReferences").forEach(owner -> ((ObjectNode) owner).put("uid", "(uid)"));
        }
        return document;
    }
}
