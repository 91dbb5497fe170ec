package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.OperatorSettings;
import dev.wharf.operator.registry.dependents.UpgradePacing;
import dev.wharf.operator.runtimestatus.RuntimeStatusClient;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator upgrade that renders new pod templates rolls the Registries a few at a time: at most
 * {@code WHARF_UPGRADE_BATCH} in any {@code WHARF_UPGRADE_WINDOW_SECONDS}, while a Registry changed by its user rolls
 * at once.
 */
@EnableKubernetesMockClient(crud = true)
class OperatorUpgradeTest {

    private static final String NAMESPACE = "upgrade";
    private static final String NEXT = "wharf/registry-runtime:next";
    private static final int REGISTRIES = 12;
    private static final int BATCH = 5;
    private static final Duration WINDOW = Duration.ofSeconds(15);

    static KubernetesClient client;

    @Test
    void anUpgradeShouldRollAtMostABatchOfRegistriesPerWindowAndEventuallyAll() {
        Operator first = RegistryOperator.start(client, new SimpleMeterRegistry());
        for (int i = 0; i < REGISTRIES; i++) {
            client.resource(new KubernetesSerialization().unmarshal("""
                            apiVersion: wharf.dev/v1alpha1
                            kind: Registry
                            metadata: {name: files-%02d, namespace: %s}
                            spec: {format: generic}
                            """.formatted(i, NAMESPACE), Registry.class))
                    .create();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> running(RegistryOperator.IMAGE) == REGISTRIES);
        first.stop();

        Operator next = RegistryOperator.startWithImage(
                client,
                new SimpleMeterRegistry(),
                RuntimeStatusClient.DISABLED,
                Map.of(
                        OperatorSettings.UPGRADE_BATCH,
                        String.valueOf(BATCH),
                        OperatorSettings.UPGRADE_WINDOW_SECONDS,
                        String.valueOf(WINDOW.toSeconds())),
                NEXT);
        try {
            await().atMost(WINDOW).until(() -> running(NEXT) >= BATCH);
            // Within the window, no more than the batch rolls.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> running(NEXT) == BATCH);
            assertThat(statefulSets())
                    .filteredOn(set -> image(set).equals(NEXT))
                    .allSatisfy(set -> assertThat(set.getMetadata().getAnnotations())
                            .containsEntry(UpgradePacing.RENDERED_BY, NEXT));

            await().atMost(WINDOW.multipliedBy(4)).until(() -> running(NEXT) == REGISTRIES);
        } finally {
            next.stop();
        }
    }

    private static long running(String image) {
        return statefulSets().stream().filter(set -> image(set).equals(image)).count();
    }

    private static List<StatefulSet> statefulSets() {
        return client.apps().statefulSets().inNamespace(NAMESPACE).list().getItems();
    }

    private static String image(StatefulSet set) {
        return set.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage();
    }
}
