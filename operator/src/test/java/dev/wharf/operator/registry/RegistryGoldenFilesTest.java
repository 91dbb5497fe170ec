package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.testing.GoldenFiles;
import dev.wharf.operator.testing.RegistryOperator;
import dev.wharf.operator.testing.SampleSecrets;
import dev.wharf.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample Registry of {@code samples/}, applied with the UpstreamProxies, policies and Secrets the samples name,
 * renders exactly the objects of its golden file under {@code src/test/resources/golden/<namespace>/<name>.yaml}
 * (regenerate them with {@code -Dwharf.golden.update=true}; see {@link GoldenFiles}).
 */
@EnableKubernetesMockClient(crud = true)
class RegistryGoldenFilesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static KubernetesClient client;
    static Operator operator;

    @BeforeAll
    static void applySamples() {
        operator = RegistryOperator.start(client, new SimpleMeterRegistry());
        SampleSecrets.cluster().forEach(secret -> client.resource(secret).create());
        List<HasMetadata> samples = Samples.all();
        // Registries last, as a user applying the samples directory in order would not guarantee: the recovery from
        // a missing reference has tests of its own.
        samples.stream()
                .filter(s -> !(s instanceof Registry))
                .forEach(s -> client.resource(s).create());
        samples.stream()
                .filter(Registry.class::isInstance)
                .forEach(s -> client.resource(s).create());
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    static Stream<Arguments> sampleRegistries() {
        return Samples.registries().stream()
                .map(registry -> Arguments.of(
                        registry.getMetadata().getNamespace(),
                        registry.getMetadata().getName()));
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("sampleRegistries")
    void reconcileWhenASampleIsAppliedShouldRenderItsGoldenFile(String namespace, String name) {
        RegistryStatus status = await().atMost(TIMEOUT)
                .ignoreExceptions()
                .until(() -> RegistryOperator.observedStatus(client, namespace, name), s -> true);
        assertThat(Conditions.find(status.conditions(), RegistryStatusCalculator.CONFIG_RESOLVED))
                .as("ConfigResolved of %s/%s", namespace, name)
                .satisfies(condition -> assertThat(condition).isNotNull())
                .extracting(condition -> condition.reason())
                .isEqualTo("Resolved");

        GoldenFiles.assertMatches(
                namespace + "/" + name + ".yaml", RegistryOperator.objectsOf(client, namespace, name));
    }
}
