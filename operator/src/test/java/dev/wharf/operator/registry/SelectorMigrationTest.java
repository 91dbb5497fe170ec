package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.runtimestatus.RuntimeStatusClient;
import dev.wharf.operator.testing.CommittedCrds;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Registry whose StatefulSet an older operator created with another pod selector gets a new StatefulSet: the
 * selector cannot change in place, so the old one is deleted and the current one created, with the same volume claim
 * template, so the pods mount the same data.
 */
@EnableKubernetesMockClient(crud = true)
class SelectorMigrationTest {

    private static final String NAMESPACE = "migrate";
    /** The selector of operators before the wharf.dev/registry label (it collided with Argo CD's tracking label). */
    private static final Map<String, String> OLD_SELECTOR =
            Map.of("app.kubernetes.io/name", "wharf-registry", "app.kubernetes.io/instance", "files");

    static KubernetesClient client;

    @Test
    void reconcileWhenTheStatefulSetHasAnOlderSelectorShouldReplaceItWithTheCurrentOne() {
        CommittedCrds.create(client);
        Registry registry = client.resource(
                        new KubernetesSerialization().unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: files, namespace: %s}
                        spec: {format: generic}
                        """.formatted(NAMESPACE), Registry.class))
                .create();
        StatefulSet old = client.resource(new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName("files")
                        .withNamespace(NAMESPACE)
                        .addToLabels(OLD_SELECTOR)
                        .addToLabels("app.kubernetes.io/managed-by", "wharf-operator")
                        .withOwnerReferences(new OwnerReferenceBuilder()
                                .withApiVersion("wharf.dev/v1alpha1")
                                .withKind("Registry")
                                .withName("files")
                                .withUid(registry.getMetadata().getUid())
                                .withController(true)
                                .build())
                        .endMetadata()
                        .withNewSpec()
                        .withServiceName("files")
                        .withNewSelector()
                        .withMatchLabels(OLD_SELECTOR)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(OLD_SELECTOR)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("registry")
                        .withImage("wharf/registry-runtime:old")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();

        Operator operator = RegistryOperator.startWithImage(
                client, new SimpleMeterRegistry(), RuntimeStatusClient.DISABLED, Map.of(), RegistryOperator.IMAGE);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                StatefulSet current = client.apps()
                        .statefulSets()
                        .inNamespace(NAMESPACE)
                        .withName("files")
                        .get();
                assertThat(current).isNotNull();
                assertThat(current.getMetadata().getUid())
                        .isNotEqualTo(old.getMetadata().getUid());
                assertThat(current.getSpec().getSelector().getMatchLabels())
                        .containsEntry("wharf.dev/registry", "files")
                        .doesNotContainKey("app.kubernetes.io/instance");
                assertThat(current.getSpec().getVolumeClaimTemplates())
                        .extracting(claim -> claim.getMetadata().getName())
                        .containsExactly("data");
            });
        } finally {
            operator.stop();
        }
    }
}
