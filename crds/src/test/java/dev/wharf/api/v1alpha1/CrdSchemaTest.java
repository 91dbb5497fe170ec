package dev.wharf.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every Wharf CRD must have to be usable with kubectl, Argo CD and the API server's CEL budget. */
class CrdSchemaTest {

    /** Half of the 256 KiB last-applied-configuration annotation that client-side apply writes. */
    static final int MAX_CRD_JSON_BYTES = 128 * 1024;

    static Stream<Named<JsonNode>> crds() {
        return CustomResourceDefinitions.committed().stream()
                .map(crd -> Named.of(crd.path("metadata").path("name").asText(), crd));
    }

    @ParameterizedTest
    @MethodSource("crds")
    void everyFieldWhenExplainedShouldHaveADescription(JsonNode crd) {
        List<String> undescribed = new ArrayList<>();
        walk(CustomResourceDefinitions.schemaOf(crd), "", (path, schema) -> {
            if (!path.endsWith("[]") && schema.path("description").asText().isBlank()) {
                undescribed.add(path.isEmpty() ? "<root>" : path);
            }
        });
        assertThat(undescribed)
                .as("fields without a description (kubectl explain shows nothing)")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("crds")
    void everyStringListAndMapShouldHaveAMaximum(JsonNode crd) {
        List<String> unbounded = new ArrayList<>();
        walk(CustomResourceDefinitions.schemaOf(crd), "", (path, schema) -> {
            String type = schema.path("type").asText();
            boolean bounded = switch (type) {
                case "string" -> schema.has("maxLength") || schema.has("enum");
                case "array" -> schema.has("maxItems");
                case "object" -> !schema.has("additionalProperties") || schema.has("maxProperties");
                default -> true;
            };
            if (!bounded) {
                unbounded.add(path);
            }
        });
        assertThat(unbounded)
                .as("strings, lists and maps without a maximum (they make CEL cost estimates and etcd sizes unbounded)")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("crds")
    void schemaShouldApplyNoDefaults(JsonNode crd) {
        List<String> defaulted = new ArrayList<>();
        walk(CustomResourceDefinitions.schemaOf(crd), "", (path, schema) -> {
            if (schema.has("default")) {
                defaulted.add(path);
            }
        });
        assertThat(defaulted)
                .as("schema defaults are written into objects by the API server, which GitOps tools then see as drift")
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("crds")
    void crdWhenAppliedClientSideShouldFitTheLastAppliedAnnotation(JsonNode crd) throws Exception {
        int bytes = new ObjectMapper().writeValueAsBytes(crd).length;
        assertThat(bytes).as("CRD size as JSON").isLessThan(MAX_CRD_JSON_BYTES);
    }

    @ParameterizedTest
    @MethodSource("crds")
    void crdShouldBeNamespacedWithStatusSubresourceCategoryAndPrinterColumns(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode version = spec.path("versions").path(0);

        assertThat(spec.path("group").asText()).isEqualTo(WharfApi.GROUP);
        assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
        assertThat(version.path("name").asText()).isEqualTo(WharfApi.VERSION);
        assertThat(version.path("subresources").has("status"))
                .as("status subresource")
                .isTrue();
        assertThat(texts(spec.path("names").path("categories"))).containsExactly(WharfApi.CATEGORY);
        assertThat(texts(spec.path("names").path("shortNames"))).isNotEmpty();
        assertThat(texts(version.path("additionalPrinterColumns"), "name")).contains("Ready", "Age");
        assertThat(CustomResourceDefinitions.schemaOf(crd).path("required").toString())
                .contains("\"spec\"");
    }

    @ParameterizedTest
    @MethodSource("crds")
    void statusConditionsShouldHaveTheKubernetesConditionShape(JsonNode crd) {
        JsonNode condition = CustomResourceDefinitions.schemaOf(crd)
                .path("properties")
                .path("status")
                .path("properties")
                .path("conditions")
                .path("items");

        assertThat(condition.path("properties").properties().stream().map(Map.Entry::getKey))
                .containsExactlyInAnyOrder(
                        "type", "status", "observedGeneration", "lastTransitionTime", "reason", "message");
        assertThat(texts(condition.path("required")))
                .containsExactlyInAnyOrder("type", "status", "lastTransitionTime", "reason");
        assertThat(texts(condition.path("properties").path("status").path("enum")))
                .containsExactlyInAnyOrder("True", "False", "Unknown");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.path(field).asText()));
        return texts;
    }

    /** Visits every schema node below the root, with a path such as {@code .spec.storage.s3.bucket}. */
    private static void walk(JsonNode schema, String path, BiConsumer<String, JsonNode> visitor) {
        visitor.accept(path, schema);
        schema.path("properties").properties().forEach(p -> walk(p.getValue(), path + "." + p.getKey(), visitor));
        if (schema.has("items")) {
            walk(schema.get("items"), path + "[]", visitor);
        }
        if (schema.path("additionalProperties").isObject()) {
            walk(schema.get("additionalProperties"), path + "[]", visitor);
        }
    }
}
