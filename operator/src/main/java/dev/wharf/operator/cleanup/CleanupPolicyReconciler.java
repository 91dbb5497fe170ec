package dev.wharf.operator.cleanup;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicyStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.references.PolicySelection;
import dev.wharf.operator.status.Selections;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each CleanupPolicy's {@code status.selectedRegistries} and Ready condition current. The plan and the runs are
 * the runtime's to report; what is there is kept.
 */
@ControllerConfiguration(
        name = CleanupPolicyReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class CleanupPolicyReconciler implements Reconciler<CleanupPolicy> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "cleanuppolicy";

    static final String REGISTRIES = "cleanuppolicy-registries";

    private final Clock clock;

    public CleanupPolicyReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, CleanupPolicy>> prepareEventSources(EventSourceContext<CleanupPolicy> context) {
        var policies = context.getPrimaryCache();
        InformerEventSourceConfiguration<Registry> registries = InformerEventSourceConfiguration.from(
                        Registry.class, CleanupPolicy.class)
                .withName(REGISTRIES)
                .withNamespacesInheritedFromController()
                // The policies that select the Registry now, and those whose status lists it (it may have left).
                .withSecondaryToPrimaryMapper(
                        registry -> policies.list(registry.getMetadata().getNamespace())
                                .filter(policy -> PolicySelection.selects(policy, registry) || lists(policy, registry))
                                .map(ResourceID::fromResource)
                                .collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(registries, context));
    }

    @Override
    public UpdateControl<CleanupPolicy> reconcile(CleanupPolicy policy, Context<CleanupPolicy> context) {
        CleanupPolicyStatus previous = policy.getStatus();
        // Every Registry of the namespace from the cache, not the secondary index: a selector that changed selects
        // Registries that had no event since.
        InformerEventSource<Registry, CleanupPolicy> registries = (InformerEventSource<Registry, CleanupPolicy>)
                context.eventSourceRetriever().getEventSourceFor(Registry.class, REGISTRIES);
        CleanupPolicyStatus status = calculate(
                policy,
                registries
                        .list(policy.getMetadata().getNamespace(), registry -> true)
                        .toList(),
                previous,
                clock);
        if (status.equals(previous)) {
            return UpdateControl.noUpdate();
        }
        CleanupPolicy patch = new CleanupPolicy();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(policy.getMetadata().getName())
                .withNamespace(policy.getMetadata().getNamespace())
                .build());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }

    /** The status: the Registries selected, a Ready condition, and the plan and runs the policy already had. */
    static CleanupPolicyStatus calculate(
            CleanupPolicy policy,
            Collection<Registry> registries,
            @Nullable CleanupPolicyStatus previous,
            Clock clock) {
        List<String> selected = registries.stream()
                .filter(registry -> PolicySelection.selects(policy, registry))
                .map(registry -> registry.getMetadata().getName())
                .distinct()
                .sorted()
                .toList();
        Long generation = policy.getMetadata().getGeneration();
        return new CleanupPolicyStatus(
                List.of(Selections.ready(
                        "CleanupPolicy",
                        selected.size(),
                        generation,
                        previous == null ? null : previous.conditions(),
                        clock)),
                generation,
                Selections.listed(selected),
                previous == null ? null : previous.plan(),
                previous == null ? null : previous.lastRun(),
                previous == null ? null : previous.nextRun());
    }

    private static boolean lists(CleanupPolicy policy, Registry registry) {
        CleanupPolicyStatus status = policy.getStatus();
        return status != null
                && status.selectedRegistries() != null
                && status.selectedRegistries().contains(registry.getMetadata().getName());
    }
}
