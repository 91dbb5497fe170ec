package dev.wharf.operator.status;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a policy's {@code status.selectedRegistries} and Ready condition current, for the kinds of policy that select
 * Registries (CleanupPolicy, FirewallPolicy). Ready is False with reason NotImplemented: the runtime loads these
 * policies but does not act on them yet, and saying so beats a Ready=True that nothing backs. What the runtime reports
 * in the rest of the status is kept as it is.
 *
 * @param <P> the policy kind
 * @param <S> its status
 */
public abstract class SelectedRegistriesReconciler<P extends CustomResource<?, S> & Namespaced, S>
        implements Reconciler<P> {

    private final Class<P> kind;
    private final String registriesSource;
    private final Clock clock;

    /**
     * @param kind the policy's class
     * @param registriesSource the name of the event source watching Registries
     * @param clock the clock of the conditions' transition times
     */
    protected SelectedRegistriesReconciler(Class<P> kind, String registriesSource, Clock clock) {
        this.kind = kind;
        this.registriesSource = registriesSource;
        this.clock = clock;
    }

    /** Whether {@code policy} applies to {@code registry}. */
    protected abstract boolean selects(P policy, Registry registry);

    /** The Registries {@code status} lists; empty when it lists none. */
    protected abstract List<String> listedIn(@Nullable S status);

    /**
     * The new status: {@code ready}, the policy's generation, {@code selected} (sorted names, at most {@link
     * Selections#MAX_LISTED}), with the parts the runtime reports taken from {@code previous}.
     */
    protected abstract S status(
            Condition ready, @Nullable Long generation, List<String> selected, @Nullable S previous);

    /** What this kind of policy would do and this version of Wharf does not, as the Ready message says it. */
    protected abstract String noEffect();

    /** The conditions of {@code status}; null when it has none. */
    protected abstract @Nullable List<Condition> conditionsOf(S status);

    @Override
    public final List<EventSource<?, P>> prepareEventSources(EventSourceContext<P> context) {
        var policies = context.getPrimaryCache();
        InformerEventSourceConfiguration<Registry> registries = InformerEventSourceConfiguration.from(
                        Registry.class, kind)
                .withName(registriesSource)
                .withNamespacesInheritedFromController()
                // The policies that select the Registry now, and those whose status lists it (it may have left).
                .withSecondaryToPrimaryMapper(registry -> policies.list(
                                registry.getMetadata().getNamespace())
                        .filter(policy -> selects(policy, registry)
                                || listedIn(policy.getStatus())
                                        .contains(registry.getMetadata().getName()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
        return List.of(new InformerEventSource<>(registries, context));
    }

    @Override
    public final UpdateControl<P> reconcile(P policy, Context<P> context) {
        S previous = policy.getStatus();
        // Every Registry of the namespace from the cache, not the secondary index: a selector that changed selects
        // Registries that had no event since.
        @SuppressWarnings("unchecked")
        InformerEventSource<Registry, P> registries = (InformerEventSource<Registry, P>)
                context.eventSourceRetriever().getEventSourceFor(Registry.class, registriesSource);
        S status = calculate(
                policy,
                registries
                        .list(policy.getMetadata().getNamespace(), registry -> true)
                        .toList(),
                previous);
        if (status.equals(previous)) {
            return UpdateControl.noUpdate();
        }
        StatusWrites.write(policy, status, context);
        return UpdateControl.noUpdate();
    }

    /** The status for {@code policy} among {@code registries}, the Registries of its namespace. */
    final S calculate(P policy, Collection<Registry> registries, @Nullable S previous) {
        List<String> selected = registries.stream()
                .filter(registry -> selects(policy, registry))
                .map(registry -> registry.getMetadata().getName())
                .distinct()
                .sorted()
                .toList();
        Long generation = policy.getMetadata().getGeneration();
        Condition ready = Selections.notImplemented(
                HasMetadata.getKind(kind),
                noEffect(),
                selected.size(),
                generation,
                previous == null ? null : conditionsOf(previous),
                clock);
        return status(ready, generation, Selections.listed(selected), previous);
    }
}
