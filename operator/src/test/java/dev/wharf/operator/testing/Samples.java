package dev.wharf.operator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The manifests committed under {@code samples/}, read into their types as a user would apply them. */
public final class Samples {

    /** Surefire runs the tests from the operator module's directory; the samples are next to it. */
    public static final Path DIRECTORY =
            Path.of("..", "samples").toAbsolutePath().normalize();

    /** The samples of {@code samples/local} carry no namespace; the tests apply them to this one. */
    public static final String LOCAL_NAMESPACE = "local";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Samples() {}

    /** Every document of every sample file, in file order, each with a namespace. */
    public static List<HasMetadata> all() {
        List<HasMetadata> resources = new ArrayList<>();
        for (String folder : List.of("cluster", "local", "policies")) {
            try (Stream<Path> files = Files.list(DIRECTORY.resolve(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                        .sorted()
                        .toList()) {
                    resources.addAll(read(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return resources;
    }

    /** The sample Registries. */
    public static List<Registry> registries() {
        return all().stream()
                .filter(Registry.class::isInstance)
                .map(Registry.class::cast)
                .toList();
    }

    private static List<HasMetadata> read(Path file) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                if (document.path("kind").asText().equals("Namespace")) {
                    // The namespace the cluster samples live in: the mock server needs none, and it has no namespace.
                    continue;
                }
                HasMetadata resource = switch (document.path("kind").asText()) {
                    case "Registry" -> SERIALIZATION.convertValue(document, Registry.class);
                    case "UpstreamProxy" -> SERIALIZATION.convertValue(document, UpstreamProxy.class);
                    case "CleanupPolicy" -> SERIALIZATION.convertValue(document, CleanupPolicy.class);
                    case "FirewallPolicy" -> SERIALIZATION.convertValue(document, FirewallPolicy.class);
                    case "Secret" -> SERIALIZATION.convertValue(document, Secret.class);
                    default ->
                        throw new IllegalStateException(file + " holds an unexpected kind: " + document.path("kind"));
                };
                if (resource.getMetadata().getNamespace() == null) {
                    resource.getMetadata().setNamespace(LOCAL_NAMESPACE);
                }
                resources.add(resource);
            }
        }
        return resources;
    }
}
