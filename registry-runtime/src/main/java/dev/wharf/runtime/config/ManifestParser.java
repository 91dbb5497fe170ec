package dev.wharf.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.wharf.api.v1alpha1.WharfApi;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses manifest files (multi-document YAML), validates each Wharf document with the CRDs' schemas and CEL rules as
 * the API server would, and reads the valid ones into the {@code crds} types; {@code v1 Secret} documents are read as
 * local mode's Secrets. Not thread-safe: one parse at a time.
 */
final class ManifestParser {

    static final String KNOWN_KINDS =
            WharfApi.API_VERSION + " Registry, UpstreamProxy, CleanupPolicy and" + " FirewallPolicy, and v1 Secret";

    private final YAMLMapper yaml = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ManifestValidator validator;

    ManifestParser(ManifestValidator validator) {
        this.validator = validator;
    }

    ParsedManifests parse(ManifestFiles files) {
        Documents documents = new Documents();
        documents.problems.addAll(files.problems());
        for (ManifestFile file : files.files()) {
            parseFile(file, documents);
        }
        return new ParsedManifests(
                documents.registries,
                documents.upstreamProxies,
                documents.cleanupPolicies,
                documents.firewallPolicies,
                documents.secrets,
                documents.problems,
                documents.refused);
    }

    private void parseFile(ManifestFile file, Documents documents) {
        int document = 0;
        // One root value per YAML document. Not a MappingIterator: it would unwrap a document that is a list.
        try (JsonParser parser = yaml.createParser(file.content())) {
            while (parser.nextToken() != null) {
                document++;
                accept(file.path(), document, yaml.readTree(parser), documents);
            }
        } catch (JsonProcessingException e) {
            documents.problems.add(new ConfigProblem(ManifestLocation.file(file.path()), YamlErrors.describe(e)));
        } catch (IOException e) {
            documents.problems.add(new ConfigProblem(ManifestLocation.file(file.path()), "cannot parse: " + e));
        }
    }

    private void accept(String file, int document, @Nullable JsonNode node, Documents documents) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return; // an empty document, such as a trailing '---'
        }
        if (!node.isObject()) {
            documents.problems.add(new ConfigProblem(
                    new ManifestLocation(file, document, null, null),
                    "not a Kubernetes manifest: expected a mapping with apiVersion, kind and metadata"));
            return;
        }
        String apiVersion = node.path("apiVersion").asText("");
        String kind = node.path("kind").asText("");
        JsonNode nameNode = node.path("metadata").path("name");
        ManifestLocation location = new ManifestLocation(
                file, document, kind.isEmpty() ? null : kind, nameNode.isTextual() ? nameNode.asText() : null);
        if (apiVersion.equals("v1") && kind.equals("Secret")) {
            SecretManifestReader.read(node, location, documents.problems)
                    .ifPresent(secret -> documents.secrets.add(new Located<>(secret, location)));
            return;
        }
        if (!apiVersion.equals(WharfApi.API_VERSION)) {
            documents.problems.add(new ConfigProblem(location, unknown(apiVersion, kind)));
            return;
        }
        switch (kind) {
            case "Registry" -> read(node, location, Registry.class, documents).ifValid(documents.registries);
            case "UpstreamProxy" ->
                read(node, location, UpstreamProxy.class, documents).ifValid(documents.upstreamProxies);
            case "CleanupPolicy" ->
                read(node, location, CleanupPolicy.class, documents).ifValid(documents.cleanupPolicies);
            case "FirewallPolicy" ->
                read(node, location, FirewallPolicy.class, documents).ifValid(documents.firewallPolicies);
            default -> documents.problems.add(new ConfigProblem(location, unknown(apiVersion, kind)));
        }
    }

    private <T extends CustomResource<?, ?>> Result<T> read(
            JsonNode node, ManifestLocation location, Class<T> type, Documents documents) {
        List<String> reasons = new ArrayList<>();
        if (location.name() == null) {
            reasons.add("metadata.name is required");
        } else {
            try {
                reasons.addAll(validator.validateCreate(node));
            } catch (RuntimeException e) {
                reasons.add("cannot be validated: " + e.getMessage());
            }
        }
        if (reasons.isEmpty()) {
            try {
                return new Result<>(new Located<>(serialization.convertValue(node, type), location));
            } catch (RuntimeException e) {
                reasons.add("cannot be read as a " + type.getSimpleName() + ": " + e.getMessage());
            }
        }
        // A rule on a list can fail once per item with the same message: report it once.
        reasons.stream().distinct().forEach(reason -> documents.problems.add(new ConfigProblem(location, reason)));
        documents.refused.add(location);
        return new Result<>(null);
    }

    private static String unknown(String apiVersion, String kind) {
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return "not a Kubernetes manifest: apiVersion and kind are required; this runtime reads " + KNOWN_KINDS;
        }
        return "unknown kind " + apiVersion + " " + kind + ": this runtime reads " + KNOWN_KINDS;
    }

    /** A document read into its type, or nothing when it was refused. */
    private record Result<T>(@Nullable Located<T> located) {
        void ifValid(List<Located<T>> into) {
            if (located != null) {
                into.add(located);
            }
        }
    }

    /** What the parse of all files has collected so far. */
    private static final class Documents {
        final List<Located<Registry>> registries = new ArrayList<>();
        final List<Located<UpstreamProxy>> upstreamProxies = new ArrayList<>();
        final List<Located<CleanupPolicy>> cleanupPolicies = new ArrayList<>();
        final List<Located<FirewallPolicy>> firewallPolicies = new ArrayList<>();
        final List<Located<SecretManifest>> secrets = new ArrayList<>();
        final List<ConfigProblem> problems = new ArrayList<>();
        final List<ManifestLocation> refused = new ArrayList<>();
    }
}
