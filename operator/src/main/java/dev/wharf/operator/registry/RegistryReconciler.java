package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.operator.Failures;
import dev.wharf.operator.references.ClusterView;
import dev.wharf.operator.references.ReferenceResolver;
import dev.wharf.operator.references.RegistryInputs;
import dev.wharf.operator.registry.dependents.ConfigMapDependent;
import dev.wharf.operator.registry.dependents.DeploymentDependent;
import dev.wharf.operator.registry.dependents.HorizontalPodAutoscalerDependent;
import dev.wharf.operator.registry.dependents.IngressDependent;
import dev.wharf.operator.registry.dependents.PodDisruptionBudgetDependent;
import dev.wharf.operator.registry.dependents.Preconditions;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import dev.wharf.operator.registry.dependents.RenderContext;
import dev.wharf.operator.registry.dependents.ServiceAccountDependent;
import dev.wharf.operator.registry.dependents.ServiceDependent;
import dev.wharf.operator.registry.dependents.StatefulSetDependent;
import dev.wharf.operator.registry.dependents.StatusCredentialDependent;
import dev.wharf.operator.registry.dependents.UpgradePace;
import dev.wharf.operator.registry.dependents.Workloads;
import dev.wharf.operator.runtimestatus.RuntimeReport;
import dev.wharf.operator.runtimestatus.RuntimeReports;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.status.Reasons;
import dev.wharf.operator.status.StatusGauges;
import dev.wharf.operator.status.StatusWrites;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each Registry: resolves what it refers to, hands that to the workflow of dependent resources (which create and
 * update the objects), then computes its whole status and writes it only when it changed. It never writes the spec.
 */
@Workflow(
        explicitInvocation = true,
        dependents = {
            @Dependent(name = "serviceaccount", type = ServiceAccountDependent.class),
            @Dependent(name = RegistryReconciler.STATUS_CREDENTIAL, type = StatusCredentialDependent.class),
            @Dependent(name = "configmap", type = ConfigMapDependent.class),
            @Dependent(
                    name = "deployment",
                    type = DeploymentDependent.class,
                    reconcilePrecondition = Preconditions.UsesDeployment.class,
                    dependsOn = {"serviceaccount", "configmap", RegistryReconciler.STATUS_CREDENTIAL}),
            @Dependent(
                    name = "statefulset",
                    type = StatefulSetDependent.class,
                    reconcilePrecondition = Preconditions.UsesStatefulSet.class,
                    dependsOn = {"serviceaccount", "configmap", RegistryReconciler.STATUS_CREDENTIAL}),
            @Dependent(name = "service", type = ServiceDependent.class),
            @Dependent(
                    name = "ingress",
                    type = IngressDependent.class,
                    reconcilePrecondition = Preconditions.Exposed.class),
            @Dependent(
                    name = "poddisruptionbudget",
                    type = PodDisruptionBudgetDependent.class,
                    reconcilePrecondition = Preconditions.HasDisruptionBudget.class),
            @Dependent(
                    name = "horizontalpodautoscaler",
                    type = HorizontalPodAutoscalerDependent.class,
                    reconcilePrecondition = Preconditions.Autoscaled.class)
        })
@ControllerConfiguration(
        name = RegistryReconciler.NAME,
        // A safety net for a change that raced a status write, and the rhythm of the runtime status poll.
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public final class RegistryReconciler implements Reconciler<Registry>, Cleaner<Registry> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "registry";

    /** The dependent (and its event source) holding the status credential Secret. */
    static final String STATUS_CREDENTIAL = "statuscredential";

    private static final Logger log = LoggerFactory.getLogger(RegistryReconciler.class);

    private final String image;
    private final RuntimeReports runtimeStatus;
    private final StatusGauges gauges;
    private final UpgradePace pace;
    private final Clock clock;
    private final AtomicReference<ClusterView> cluster = new AtomicReference<>();
    private final ServiceMonitors serviceMonitors;

    /**
     * @param image the runtime image a Registry runs unless its {@code spec.image} names another
     * @param runtimeStatus asks a Registry's pods, at most once per its interval, what they hold and how their
     *     upstreams are
     * @param gauges where readiness is published for alerts and dashboards
     * @param pace how many Registries an operator upgrade rolls at once
     * @param clock the time written into status conditions
     */
    public RegistryReconciler(
            String image, RuntimeReports runtimeStatus, StatusGauges gauges, UpgradePace pace, Clock clock) {
        this.pace = pace;
        this.gauges = gauges;
        this.image = image;
        this.runtimeStatus = runtimeStatus;
        this.clock = clock;
        this.serviceMonitors = new ServiceMonitors(clock);
    }

    @Override
    public List<EventSource<?, Registry>> prepareEventSources(EventSourceContext<Registry> context) {
        RegistryEventSources sources = RegistryEventSources.prepare(context);
        cluster.set(sources.cluster());
        return sources.eventSources();
    }

    @Override
    public UpdateControl<Registry> reconcile(Registry registry, Context<Registry> context) {
        ClusterView view = cluster.get();
        if (view == null) {
            throw new IllegalStateException("the event sources are not prepared yet");
        }
        RegistryInputs inputs = ReferenceResolver.resolve(registry, view);
        String runtimeImage =
                registry.getSpec().image() == null ? image : registry.getSpec().image();
        if (SelectorMigration.replaceStale(registry, context)) {
            // The workflow creates the new workload once the deletion is seen; until then it would update the old one.
            return UpdateControl.<Registry>noUpdate().rescheduleAfter(Duration.ofSeconds(1));
        }
        RenderContext render = new RenderContext(inputs, runtimeImage, image, pace);
        render.putInto(context);
        context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        serviceMonitors.apply(registry, context.getClient());

        Observed observed = observe(registry, context);
        // While a pod serves, come back at the status poll's rhythm; the poll itself is rate-limited per Registry.
        UpdateControl<Registry> next = observed.readyReplicas() > 0
                ? UpdateControl.<Registry>noUpdate().rescheduleAfter(runtimeStatus.interval())
                : UpdateControl.noUpdate();
        // An operator upgrade's rollout that waits for a slot comes back when one frees.
        Optional<Duration> waiting = render.waiting();
        if (waiting.isPresent()) {
            log.info(
                    "Registry {}/{}: the operator upgrade rolls a few Registries at a time; this one rolls in {}",
                    registry.getMetadata().getNamespace(),
                    registry.getMetadata().getName(),
                    waiting.get());
            next = UpdateControl.<Registry>noUpdate()
                    .rescheduleAfter(
                            observed.readyReplicas() > 0
                                            && runtimeStatus.interval().compareTo(waiting.get()) < 0
                                    ? runtimeStatus.interval()
                                    : waiting.get());
        }
        RegistryStatus previous = registry.getStatus();
        RegistryStatus status = RegistryStatusCalculator.calculate(inputs, observed, previous, clock);
        var ready = Conditions.find(status.conditions(), Conditions.READY);
        gauges.set(
                StatusGauges.Gauge.REGISTRY_READY,
                ResourceID.fromResource(registry),
                ready != null && ready.status() == ConditionStatus.TRUE ? 1 : 0);
        if (status.equals(previous)) {
            return next;
        }
        log.info(
                "Registry {}/{} format {}: Ready={} ({})",
                registry.getMetadata().getNamespace(),
                registry.getMetadata().getName(),
                registry.getSpec().format().id(),
                ready == null ? ConditionStatus.UNKNOWN : ready.status(),
                ready == null ? "" : ready.reason());
        StatusWrites.write(registry, status, context);
        return next;
    }

    @Override
    public ErrorStatusUpdateControl<Registry> updateErrorStatus(
            Registry registry, Context<Registry> context, Exception e) {
        boolean lastAttempt =
                context.getRetryInfo().map(retry -> retry.isLastAttempt()).orElse(true);
        RegistryStatus previous = registry.getStatus();
        // The API server or the network failed, not the Registry: what the status said is still the best knowledge.
        if (!lastAttempt && Failures.isTransient(e)) {
            log.debug(
                    "Registry {}/{}: transient failure, status kept while retrying: {}",
                    registry.getMetadata().getNamespace(),
                    registry.getMetadata().getName(),
                    Failures.describe(e));
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        RegistryStatus status = RegistryStatusCalculator.failed(
                registry,
                previous,
                lastAttempt ? Reasons.RECONCILE_FAILED : Reasons.RETRYING,
                (lastAttempt ? "Reconciling failed and is retried on the next change: " : "Retrying: ")
                        + Failures.describe(e),
                clock);
        if (status.equals(previous)) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        StatusWrites.write(registry, status, context);
        return ErrorStatusUpdateControl.defaultErrorProcessing();
    }

    @Override
    public DeleteControl cleanup(Registry registry, Context<Registry> context) {
        runtimeStatus.forget(registry);
        gauges.remove(StatusGauges.Gauge.REGISTRY_READY, ResourceID.fromResource(registry));
        return new DataDeletion(context.getClient(), clock)
                .onDelete(
                        registry,
                        () -> {
                            ClusterView view = cluster.get();
                            if (view == null) {
                                throw new IllegalStateException("the event sources are not prepared yet");
                            }
                            return ReferenceResolver.resolve(registry, view);
                        },
                        registry.getSpec().image() == null
                                ? image
                                : registry.getSpec().image());
    }

    private Observed observe(Registry registry, Context<Registry> context) {
        Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class);
        Optional<StatefulSet> statefulSet = context.getSecondaryResource(StatefulSet.class);
        boolean exists = deployment.isPresent() || statefulSet.isPresent();
        int ready = deployment
                .map(d -> d.getStatus() == null ? null : d.getStatus().getReadyReplicas())
                .or(() -> statefulSet.map(
                        s -> s.getStatus() == null ? null : s.getStatus().getReadyReplicas()))
                .orElse(0);
        Integer desired = deployment
                .map(d -> d.getSpec().getReplicas())
                .or(() -> statefulSet.map(s -> s.getSpec().getReplicas()))
                .orElse(null);
        String claim = Workloads.claimName(registry, 0);
        String phase = context.getSecondaryResources(PersistentVolumeClaim.class).stream()
                .filter(pvc -> pvc.getMetadata().getName().equals(claim))
                .findFirst()
                .map(pvc ->
                        pvc.getStatus() == null ? "Pending" : pvc.getStatus().getPhase())
                .orElse(null);
        String pending = deployment
                .map(Rollouts::pending)
                .or(() -> statefulSet.map(Rollouts::pending))
                .orElse(null);
        Map<String, String> selector = RegistryObjects.selectorLabels(registry);
        List<Pod> pods = context.getSecondaryResources(Pod.class).stream()
                .filter(pod -> pod.getMetadata().getLabels() != null
                        && pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
        Optional<String> credential = context.getSecondaryResource(Secret.class, STATUS_CREDENTIAL)
                .flatMap(StatusCredentialDependent::credential);
        Optional<RuntimeReport> usage = ready > 0 && credential.isPresent()
                ? runtimeStatus.refresh(registry, credential.get())
                : Optional.empty();
        return new Observed(
                exists,
                ready,
                desired,
                phase,
                usage.map(RuntimeReport::artifacts).orElse(null),
                usage.map(RuntimeReport::storageBytes).orElse(null),
                pending,
                PodFailure.find(pods).orElse(null));
    }
}
