package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import dev.wharf.operator.runtimestatus.RuntimeStatusClient;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.testing.CommittedCrds;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The CRD upgrade path: objects written under the first committed schema (src/test/resources/upgrade/, copied from
 * the first commit of crds/ and samples/cluster/) are still accepted by the current CRDs, create and update alike, and
 * reconcile after the CRDs are replaced by the current ones, as {@code kubectl apply -k config/crd} of a new release
 * does.
 */
@EnableKubernetesMockClient(crud = true)
class CrdUpgradeTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "upgrade");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static KubernetesClient client;

    @Test
    void objectsWrittenUnderTheFirstSchemaShouldBeAcceptedByTheCurrentCrds() {
        ManifestValidator current = ManifestValidator.forPackagedCrds();

        assertThat(firstObjects()).hasSizeGreaterThanOrEqualTo(8).allSatisfy(object -> {
            String name = object.path("kind").asText() + " "
                    + object.path("metadata").path("name").asText();
            assertThat(current.validateCreate(object)).as("create " + name).isEmpty();
            assertThat(current.validateUpdate(object, object))
                    .as("update " + name)
                    .isEmpty();
        });
    }

    @Test
    void aRegistryWrittenUnderTheFirstSchemaShouldReconcileOnceTheCrdsAreReplaced() throws IOException {
        for (String kind : List.of("registries", "upstreamproxies", "cleanuppolicies", "firewallpolicies")) {
            client.resource(client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .load(FIXTURES.resolve(kind + ".wharf.dev-v1.yml").toFile())
                            .item())
                    .create();
        }
        for (JsonNode object : firstObjects()) {
            client.resource(client.getKubernetesSerialization()
                            .unmarshal(YAML.writeValueAsString(object), HasMetadata.class))
                    .create();
        }
        for (CustomResourceDefinition crd : CommittedCrds.read(client)) {
            client.resource(crd).createOr(existing -> existing.update());
        }

        Operator operator = RegistryOperator.startWithImage(
                client, new SimpleMeterRegistry(), RuntimeStatusClient.DISABLED, Map.of(), RegistryOperator.IMAGE);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Registry npm = client.resources(Registry.class)
                        .inNamespace("artifacts")
                        .withName("npm")
                        .get();
                assertThat(npm.getStatus()).isNotNull();
                assertThat(Conditions.find(npm.getStatus().conditions(), Conditions.READY))
                        .isNotNull()
                        .satisfies(ready -> assertThat(ready.observedGeneration())
                                .isEqualTo(npm.getMetadata().getGeneration()));
                assertThat(client.configMaps().inNamespace("artifacts").list().getItems())
                        .extracting(map -> map.getMetadata().getName())
                        .contains("npm-config");
            });
        } finally {
            operator.stop();
        }
    }

    /** The Registries and UpstreamProxies of the first commit's samples. */
    private static List<JsonNode> firstObjects() {
        List<JsonNode> objects = new ArrayList<>();
        try (InputStream in = java.nio.file.Files.newInputStream(FIXTURES.resolve("first-samples.yaml"));
                YAMLParser parser = new YAMLFactory().createParser(in)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(object -> {
                if (object != null
                        && !object.isNull()
                        && Objects.equals(object.path("apiVersion").asText(), "wharf.dev/v1alpha1")) {
                    objects.add(object);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }
}
