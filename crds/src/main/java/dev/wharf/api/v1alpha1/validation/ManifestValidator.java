package dev.wharf.api.v1alpha1.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Checks a manifest the way the API server would on create or update: the CRD's structural schema (unknown fields
 * refused, as {@code kubectl apply}'s strict field validation does) and then every {@code x-kubernetes-validations}
 * CEL rule, evaluated with cel-java at the node it is declared on, with {@code self} (and {@code oldSelf} for
 * transition rules on updates) bound to that node's value.
 */
public final class ManifestValidator {

    /** The longest value quoted in a message; values outside an enumeration are short unless they are a mistake. */
    private static final int MAX_SHOWN_VALUE = 100;

    private final Map<String, JsonNode> schemasByKind = new HashMap<>();
    private final Map<String, Schema> validatorsByKind = new HashMap<>();
    private final CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .build();
    private final CelRuntime runtime = CelRuntimeFactory.plannerRuntimeBuilder().build();
    private final Map<String, CelRuntime.Program> programs = new HashMap<>();

    /**
     * The validator for the CRDs packaged with this module, as the build generated them: one shared instance, built by
     * the first caller or by {@link #preparePackagedCrds()}.
     */
    public static ManifestValidator forPackagedCrds() {
        try {
            return PackagedValidator.start(false).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /**
     * Starts building {@link #forPackagedCrds()} on a background thread and returns at once. Building it means loading
     * the schema library and the CEL compiler, the larger part of a runtime's start-up: begun first thing in {@code
     * main}, it overlaps with the rest of the start.
     */
    public static void preparePackagedCrds() {
        // A failure is kept in the future and thrown to the caller of forPackagedCrds().
        var unused = PackagedValidator.start(true);
    }

    /**
     * A validator for the given CustomResourceDefinitions, each as a YAML or JSON tree. Every schema and every CEL rule
     * is compiled here, so validating a manifest later only evaluates them.
     */
    public ManifestValidator(List<JsonNode> crds) {
        for (JsonNode crd : crds) {
            String kind = crd.path("spec").path("names").path("kind").asText();
            String apiVersion = crd.path("spec").path("group").asText() + "/"
                    + crd.path("spec").path("versions").path(0).path("name").asText();
            JsonNode schema = PackagedCrds.schemaOf(crd);
            schemasByKind.put(apiVersion + "/" + kind, schema);
            Schema validator =
                    Draft4.SCHEMAS.getSchema(SchemaLocation.of("urn:wharf:" + kind), strict(withObjectMeta(schema)));
            validator.initializeValidators();
            validatorsByKind.put(apiVersion + "/" + kind, validator);
            compileRules(schema, kind);
        }
    }

    /** The problems the API server would report when creating {@code manifest}; empty when it would be accepted. */
    public List<String> validateCreate(JsonNode manifest) {
        return validate(null, manifest);
    }

    /** The problems the API server would report when updating {@code old} to {@code manifest}. */
    public List<String> validateUpdate(JsonNode old, JsonNode manifest) {
        return validate(old, manifest);
    }

    private List<String> validate(@Nullable JsonNode old, JsonNode manifest) {
        String key = manifest.path("apiVersion").asText() + "/"
                + manifest.path("kind").asText();
        JsonNode schema = schemasByKind.get(key);
        Schema validator = validatorsByKind.get(key);
        if (schema == null || validator == null) {
            return List.of("no Wharf CRD defines " + key);
        }
        List<String> problems = new ArrayList<>();
        for (Error error : validator.validate(manifest)) {
            problems.add(error.getInstanceLocation() + ": " + describe(error));
        }
        if (problems.isEmpty()) {
            evaluateRules(schema, manifest, old, "", problems);
        }
        return problems;
    }

    /** The schema library's message, but for a value outside an enumeration: the value and the allowed ones. */
    private static String describe(Error error) {
        JsonNode allowed = error.getSchemaNode();
        JsonNode value = error.getInstanceNode();
        if (!"enum".equals(error.getKeyword()) || allowed == null || !allowed.isArray() || value == null) {
            return error.getMessage();
        }
        List<String> names = new ArrayList<>();
        allowed.forEach(name -> names.add(name.isTextual() ? name.asText() : name.toString()));
        return shown(value) + " is not one of the allowed values " + names;
    }

    /** A value as the manifest wrote it, in JSON, cut short when it is long. */
    private static String shown(JsonNode value) {
        String json = value.toString();
        return json.length() <= MAX_SHOWN_VALUE ? json : json.substring(0, MAX_SHOWN_VALUE) + "…";
    }

    private void evaluateRules(
            JsonNode schema, JsonNode value, @Nullable JsonNode oldValue, String path, List<String> problems) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            boolean transition = expression.contains("oldSelf");
            if (transition && oldValue == null) {
                continue; // transition rules only run on updates of a value that existed before
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put("self", CelValues.of(value));
            if (transition) {
                variables.put("oldSelf", CelValues.of(oldValue));
            }
            Object result = evaluate(expression, variables, path);
            if (!Boolean.TRUE.equals(result)) {
                problems.add((path.isEmpty() ? "/" : path) + ": "
                        + rule.path("message").asText(expression));
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                JsonNode propertySchema = properties.get(field.getKey());
                if (propertySchema == null) {
                    propertySchema = schema.get("additionalProperties");
                }
                if (propertySchema != null && propertySchema.isObject()) {
                    JsonNode oldField = oldValue == null ? null : oldValue.get(field.getKey());
                    evaluateRules(propertySchema, field.getValue(), oldField, path + "/" + field.getKey(), problems);
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                // Items of plain lists cannot be correlated with the old object, so transition rules do not run.
                evaluateRules(schema.get("items"), value.get(i), null, path + "/" + i, problems);
            }
        }
    }

    private Object evaluate(String expression, Map<String, Object> variables, String path) {
        CelRuntime.Program program = programs.get(expression);
        if (program == null) {
            throw new IllegalStateException("the CEL rule at " + path + " is not in the CRD's schema: " + expression);
        }
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("the CEL rule at " + path + " failed to evaluate: " + expression, e);
        }
    }

    /** Compiles every {@code x-kubernetes-validations} rule of {@code schema} and the schemas nested in it. */
    private void compileRules(JsonNode schema, String kind) {
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText();
            if (!programs.containsKey(expression)) {
                try {
                    programs.put(
                            expression,
                            runtime.createProgram(compiler.compile(expression).getAst()));
                } catch (CelValidationException | CelEvaluationException e) {
                    throw new IllegalArgumentException(
                            "the " + kind + " CRD has a CEL rule that does not compile: " + expression, e);
                }
            }
        }
        for (JsonNode nested : schema.path("properties")) {
            compileRules(nested, kind);
        }
        for (String child : List.of("items", "additionalProperties")) {
            if (schema.path(child).isObject()) {
                compileRules(schema.path(child), kind);
            }
        }
    }

    /** Adds the parts of metadata the schema leaves to the API server, so the strict check does not refuse them. */
    private static JsonNode withObjectMeta(JsonNode schema) {
        ObjectNode copy = schema.deepCopy();
        ObjectNode properties = copy.withObjectProperty("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
        return copy;
    }

    /** Refuses unknown fields wherever the schema lists its properties, as strict field validation does. */
    private static JsonNode strict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties")
                    && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> strict(entry.getValue()));
        } else if (schema.isArray()) {
            schema.forEach(ManifestValidator::strict);
        }
        return schema;
    }

    /**
     * The schema library, loaded with the first validator rather than with this class: loading it also starts the
     * logging system, which {@link #preparePackagedCrds()} then leaves to its background thread.
     */
    private static final class Draft4 {
        static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

        private Draft4() {}
    }

    /** The shared validator of the packaged CRDs, built once, by whichever caller comes first. */
    private static final class PackagedValidator {
        private static final AtomicReference<@Nullable CompletableFuture<ManifestValidator>> BUILT =
                new AtomicReference<>();

        private PackagedValidator() {}

        static CompletableFuture<ManifestValidator> start(boolean inBackground) {
            CompletableFuture<ManifestValidator> mine = new CompletableFuture<>();
            CompletableFuture<ManifestValidator> existing = BUILT.compareAndExchange(null, mine);
            if (existing != null) {
                return existing;
            }
            Runnable build = () -> {
                try {
                    mine.complete(new ManifestValidator(PackagedCrds.read()));
                } catch (RuntimeException | java.lang.Error e) {
                    mine.completeExceptionally(e);
                }
            };
            if (inBackground) {
                Thread.ofPlatform().daemon().name("wharf-crd-schemas").start(build);
            } else {
                build.run();
            }
            return mine;
        }
    }

    /** Converts JSON values to the Java values cel-java expects: Long for integers, Map and List for containers. */
    static final class CelValues {
        private CelValues() {}

        static @Nullable Object of(@Nullable JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isObject()) {
                Map<String, Object> map = new LinkedHashMap<>();
                node.properties().forEach(e -> map.put(e.getKey(), of(e.getValue())));
                return map;
            }
            if (node.isArray()) {
                List<Object> list = new ArrayList<>();
                node.forEach(item -> list.add(of(item)));
                return list;
            }
            if (node.isIntegralNumber()) {
                return node.asLong();
            }
            if (node.isNumber()) {
                return node.asDouble();
            }
            if (node.isBoolean()) {
                return node.asBoolean();
            }
            return node.asText();
        }
    }
}
