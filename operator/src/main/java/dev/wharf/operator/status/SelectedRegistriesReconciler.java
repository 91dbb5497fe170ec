package dev.wharf.operator.status;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.runtimestatus.RuntimeReport;
import dev.wharf.operator.runtimestatus.RuntimeReports;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a policy's status current, for the kinds of policy that select Registries (CleanupPolicy, FirewallPolicy): the
 * Registries it selects, and what their runtimes last reported of it (plans and runs, verdict counts, rules that do not
 * compile) through {@link RuntimeReports}. Reconciles on a change of the policy, of a Registry, or of a report; writes
 * only what changed, and a change of figures alone at most once per status interval.
 *
 * @param <P> the policy kind
 * @param <S> its status
 */
public abstract class SelectedRegistriesReconciler<P extends CustomResource<?, S> & Namespaced, S>
        implements Reconciler<P> {

    private final Class<P> kind;
    private final String registriesSource;
    private final RuntimeReports reports;
    private final WriteThrottle throttle;
    private final StatusGauges gauges;

    /**
     * @param kind the policy's class
     * @param registriesSource the name of the event source watching Registries
     * @param reports the Registries' runtime reports, read here and listened to
     * @param gauges where the status is published for alerts and dashboards
     * @param clock the clock of the write throttle
     */
    protected SelectedRegistriesReconciler(
            Class<P> kind, String registriesSource, RuntimeReports reports, StatusGauges gauges, Clock clock) {
        this.gauges = gauges;
        this.kind = kind;
        this.registriesSource = registriesSource;
        this.reports = reports;
        this.throttle = new WriteThrottle(reports.interval(), clock);
    }

    /** Whether {@code policy} applies to {@code registry}. */
    protected abstract boolean selects(P policy, Registry registry);

    /** The Registries {@code status} lists; empty when it lists none. */
    protected abstract List<String> listedIn(@Nullable S status);

    /**
     * The new status of {@code policy}, from the Registries it selects (sorted names, all of them) and the last
     * reports of those whose runtime has answered, by Registry name.
     */
    protected abstract S status(
            P policy, List<String> selected, Map<String, RuntimeReport> reports, @Nullable S previous);

    /** Registers {@code changed} to hear of the policies of this kind whose report a runtime changed. */
    protected abstract void listen(RuntimeReports reports, Consumer<ResourceID> changed);

    /** The conditions of {@code status}; null when it has none. */
    protected abstract @Nullable List<Condition> conditionsOf(S status);

    /** The gauge this kind publishes, and its value for {@code status}. */
    protected abstract StatusGauges.Gauge gauge();

    /** The value of {@link #gauge()} for a policy with {@code status}. */
    protected abstract double gaugeValue(S status);

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
        SimpleInboundEventSource<P> reported = new SimpleInboundEventSource<>(registriesSource + "-reports");
        listen(reports, reported::propagateEvent);
        return List.of(new InformerEventSource<>(registries, context), reported);
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
        ResourceID id = ResourceID.fromResource(policy);
        gauges.set(gauge(), id, gaugeValue(status));
        gauges.retain(
                gauge(),
                context.getPrimaryCache().list().map(ResourceID::fromResource).collect(Collectors.toSet()));
        if (status.equals(previous)) {
            return UpdateControl.noUpdate();
        }
        boolean figuresOnly = previous != null
                && Objects.equals(conditionsOf(previous), conditionsOf(status))
                && listedIn(previous).equals(listedIn(status));
        Optional<Duration> wait = throttle.wait(id, figuresOnly);
        if (wait.isPresent()) {
            return UpdateControl.<P>noUpdate().rescheduleAfter(wait.get());
        }
        StatusWrites.write(policy, status, context);
        throttle.wrote(id);
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
        return status(policy, selected, reports.last(policy.getMetadata().getNamespace(), selected), previous);
    }
}
