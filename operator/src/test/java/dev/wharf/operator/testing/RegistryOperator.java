package dev.wharf.operator.testing;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.operator.OperatorFactory;
import dev.wharf.operator.OperatorSettings;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import dev.wharf.operator.runtimestatus.RuntimeStatusClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The real Operator with every Wharf controller, against the mock API server, and what tests read back from it. */
public final class RegistryOperator {

    /** The runtime image the tests' Registries run. */
    public static final String IMAGE = "wharf/registry-runtime:test";

    /** The kinds a Registry may run as, in the order golden files list them. */
    public static final List<Class<? extends HasMetadata>> KINDS = List.of(
            ServiceAccount.class,
            ConfigMap.class,
            Service.class,
            Deployment.class,
            StatefulSet.class,
            Ingress.class,
            PodDisruptionBudget.class,
            HorizontalPodAutoscaler.class);

    private RegistryOperator() {}

    /** Creates the committed CRDs and starts the Operator; the runtime status endpoint is not called. */
    public static Operator start(KubernetesClient client, MeterRegistry meters) {
        return start(client, meters, RuntimeStatusClient.DISABLED);
    }

    /** Creates the committed CRDs and starts the Operator with the given runtime status client. */
    public static Operator start(KubernetesClient client, MeterRegistry meters, RuntimeStatusClient runtimeStatus) {
        return start(client, meters, runtimeStatus, Map.of());
    }

    /**
     * Creates the committed CRDs and starts the Operator with the given runtime status client and settings (as the
     * environment variables of {@link OperatorSettings}).
     */
    public static Operator start(
            KubernetesClient client,
            MeterRegistry meters,
            RuntimeStatusClient runtimeStatus,
            Map<String, String> settings) {
        CommittedCrds.create(client);
        return startWithImage(client, meters, runtimeStatus, settings, IMAGE);
    }

    /**
     * Starts the Operator, whose default runtime image (its version) is {@code image}, on a cluster that already has
     * the CRDs: a second operator version in an upgrade test.
     */
    public static Operator startWithImage(
            KubernetesClient client,
            MeterRegistry meters,
            RuntimeStatusClient runtimeStatus,
            Map<String, String> settings,
            String image) {
        // The operator gets a client of its own that records its calls (ApiCalls), closed when it stops.
        Operator operator = OperatorFactory.create(
                ApiCalls.recording(client),
                OperatorSettings.parse(settings),
                meters,
                Clock.systemUTC(),
                MockCluster.OPERATOR_SETTINGS.andThen(overrider -> overrider.withCloseClientOnStop(true)),
                image,
                runtimeStatus);
        operator.start();
        return operator;
    }

    /** Every object the operator made for the Registry, kind by kind in {@link #KINDS} order. */
    public static List<HasMetadata> objectsOf(KubernetesClient client, String namespace, String registry) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : KINDS) {
            objects.addAll(client.resources(kind)
                    .inNamespace(namespace)
                    .withLabel(RegistryObjects.INSTANCE, registry)
                    .list()
                    .getItems());
        }
        return objects;
    }

    /** The Registry as the API server has it now. */
    public static Registry registry(KubernetesClient client, String namespace, String name) {
        return present(
                client.resources(Registry.class)
                        .inNamespace(namespace)
                        .withName(name)
                        .get(),
                "Registry " + namespace + "/" + name);
    }

    /** The Registry's status once the operator computed it from its current generation (for Awaitility). */
    public static RegistryStatus observedStatus(KubernetesClient client, String namespace, String name) {
        Registry registry = registry(client, namespace, name);
        RegistryStatus status = present(registry.getStatus(), "status of " + namespace + "/" + name);
        if (!Objects.equals(status.observedGeneration(), registry.getMetadata().getGeneration())) {
            throw new AssertionError(
                    "status of " + namespace + "/" + name + " observed generation " + status.observedGeneration()
                            + ", not yet " + registry.getMetadata().getGeneration());
        }
        return status;
    }

    /** Reconciles of the kind that failed, as java-operator-sdk counts them in Micrometer. */
    public static double failedReconciles(MeterRegistry meters, String kind) {
        return meters.find("operator.sdk.reconciliations.failed").tag("kind", kind).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Reconciles of the kind that ended without error. */
    public static double successfulReconciles(MeterRegistry meters, String kind) {
        return meters.find("operator.sdk.reconciliations.success").tag("kind", kind).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** The value, or an assertion error (which Awaitility retries) naming what is still missing. */
    public static <T> T present(@Nullable T value, String what) {
        if (value == null) {
            throw new AssertionError(what + " is not there yet");
        }
        return value;
    }
}
