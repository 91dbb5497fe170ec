package dev.wharf.operator.firewall;

import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicyStatus;
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
 * Keeps each FirewallPolicy's {@code status.selectedRegistries} (the Registries it names and those using an
 * UpstreamProxy it names) and Ready condition current. Advisory freshness and decision counts are the runtime's to
 * report; what is there is kept.
 */
@ControllerConfiguration(
        name = FirewallPolicyReconciler.NAME,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class FirewallPolicyReconciler implements Reconciler<FirewallPolicy> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "firewallpolicy";

    static final String REGISTRIES = "firewallpolicy-registries";

    private final Clock clock;

    public FirewallPolicyReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, FirewallPolicy>> prepareEventSources(EventSourceContext<FirewallPolicy> context) {
        var policies = context.getPrimaryCache();
        InformerEventSourceConfiguration<Registry> registries = InformerEventSourceConfiguration.from(
                        Registry.class, FirewallPolicy.class)
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
    public UpdateControl<FirewallPolicy> reconcile(FirewallPolicy policy, Context<FirewallPolicy> context) {
        FirewallPolicyStatus previous = policy.getStatus();
        // Every Registry of the namespace from the cache, not the secondary index: a selector that changed selects
        // Registries that had no event since.
        InformerEventSource<Registry, FirewallPolicy> registries = (InformerEventSource<Registry, FirewallPolicy>)
                context.eventSourceRetriever().getEventSourceFor(Registry.class, REGISTRIES);
        FirewallPolicyStatus status = calculate(
                policy,
                registries
                        .list(policy.getMetadata().getNamespace(), registry -> true)
                        .toList(),
                previous,
                clock);
        if (status.equals(previous)) {
            return UpdateControl.noUpdate();
        }
        FirewallPolicy patch = new FirewallPolicy();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(policy.getMetadata().getName())
                .withNamespace(policy.getMetadata().getNamespace())
                .build());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }

    /** The status: the Registries guarded, a Ready condition, and the advisory time and counts it already had. */
    static FirewallPolicyStatus calculate(
            FirewallPolicy policy,
            Collection<Registry> registries,
            @Nullable FirewallPolicyStatus previous,
            Clock clock) {
        List<String> selected = registries.stream()
                .filter(registry -> PolicySelection.selects(policy, registry))
                .map(registry -> registry.getMetadata().getName())
                .distinct()
                .sorted()
                .toList();
        Long generation = policy.getMetadata().getGeneration();
        return new FirewallPolicyStatus(
                List.of(Selections.ready(
                        "FirewallPolicy",
                        selected.size(),
                        generation,
                        previous == null ? null : previous.conditions(),
                        clock)),
                generation,
                Selections.listed(selected),
                previous == null ? null : previous.advisoriesUpdated(),
                previous == null ? null : previous.counts());
    }

    private static boolean lists(FirewallPolicy policy, Registry registry) {
        FirewallPolicyStatus status = policy.getStatus();
        return status != null
                && status.selectedRegistries() != null
                && status.selectedRegistries().contains(registry.getMetadata().getName());
    }
}
