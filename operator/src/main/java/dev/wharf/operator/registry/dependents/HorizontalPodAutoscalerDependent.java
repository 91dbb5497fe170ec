package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Autoscaling;
import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/** The HorizontalPodAutoscaler of {@code spec.autoscaling}, scaling the Registry's Deployment on CPU. */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class HorizontalPodAutoscalerDependent extends RegistryDependent<HorizontalPodAutoscaler> {

    /** The CPU target when {@code spec.autoscaling.targetCPUUtilizationPercentage} is unset. */
    static final int DEFAULT_CPU_PERCENT = 75;

    public HorizontalPodAutoscalerDependent() {
        super(HorizontalPodAutoscaler.class);
    }

    @Override
    String name(Registry registry) {
        return RegistryObjects.name(registry);
    }

    @Override
    protected HorizontalPodAutoscaler desired(Registry registry, Context<Registry> context) {
        return render(registry);
    }

    /** The autoscaler; only called when {@code spec.autoscaling} is set. */
    public static HorizontalPodAutoscaler render(Registry registry) {
        Autoscaling autoscaling = Objects.requireNonNull(registry.getSpec().autoscaling(), "spec.autoscaling");
        boolean statefulSet = PodTemplates.persistentData(registry.getSpec());
        Integer target = autoscaling.targetCPUUtilizationPercentage();
        return new HorizontalPodAutoscalerBuilder()
                .withMetadata(RegistryObjects.metadata(registry, RegistryObjects.name(registry)))
                .withNewSpec()
                .withNewScaleTargetRef()
                .withApiVersion("apps/v1")
                .withKind(statefulSet ? "StatefulSet" : "Deployment")
                .withName(statefulSet ? RegistryObjects.statefulSetName(registry) : RegistryObjects.name(registry))
                .endScaleTargetRef()
                .withMinReplicas(autoscaling.minReplicas())
                .withMaxReplicas(autoscaling.maxReplicas())
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(target == null ? DEFAULT_CPU_PERCENT : target)
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }
}
