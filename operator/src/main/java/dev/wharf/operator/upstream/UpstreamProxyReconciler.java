package dev.wharf.operator.upstream;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.BreakerState;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus;
import dev.wharf.operator.runtimestatus.RuntimeReports;
import dev.wharf.operator.status.StatusGauges;
import dev.wharf.operator.status.StatusWrites;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each UpstreamProxy's status current: which Registries name it, and its Ready condition. It only wires: the
 * status comes from {@link UpstreamProxyStatusCalculator}, and it is written only when it changed.
 */
@ControllerConfiguration(
        name = UpstreamProxyReconciler.NAME,
        // A safety net for a Registry change that raced a status write; a reconcile that changes nothing writes
        // nothing.
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.MINUTES))
public final class UpstreamProxyReconciler implements Reconciler<UpstreamProxy> {

    /** The controller's name, in logs and metrics. */
    public static final String NAME = "upstreamproxy";

    /** The event source that watches Registries, named in health reports. */
    static final String REGISTRIES = "registries";

    private static final Logger log = LoggerFactory.getLogger(UpstreamProxyReconciler.class);

    /** The event source fed by new runtime reports. */
    static final String REPORTS = "runtime-reports";

    private final RuntimeReports reports;
    private final StatusGauges gauges;
    private final Clock clock;

    /**
     * @param reports the Registries' runtime reports, whose upstream health is aggregated here
     * @param gauges where the breaker state is published for alerts and dashboards
     * @param clock the time of a Ready transition
     */
    public UpstreamProxyReconciler(RuntimeReports reports, StatusGauges gauges, Clock clock) {
        this.reports = reports;
        this.gauges = gauges;
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, UpstreamProxy>> prepareEventSources(EventSourceContext<UpstreamProxy> context) {
        InformerEventSourceConfiguration<Registry> registries = InformerEventSourceConfiguration.from(
                        Registry.class, UpstreamProxy.class)
                .withName(REGISTRIES)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(new RegistryToUpstreamProxyMapper(context.getPrimaryCache()))
                .build();
        SimpleInboundEventSource<UpstreamProxy> reported = new SimpleInboundEventSource<>(REPORTS);
        reports.onUpstreamChange(reported::propagateEvent);
        return List.of(new InformerEventSource<>(registries, context), reported);
    }

    @Override
    public UpdateControl<UpstreamProxy> reconcile(UpstreamProxy proxy, Context<UpstreamProxy> context) {
        UpstreamProxyStatus previous = proxy.getStatus();
        Set<Registry> registries = context.getSecondaryResources(Registry.class);
        List<String> users = UpstreamProxyStatusCalculator.users(proxy, registries);
        UpstreamProxyStatus status = UpstreamProxyStatusCalculator.calculate(
                proxy,
                registries,
                reports.upstream(
                        proxy.getMetadata().getNamespace(), proxy.getMetadata().getName(), users),
                reports.interval(),
                previous,
                clock);
        gauges.set(
                StatusGauges.Gauge.UPSTREAM_BREAKER_OPEN,
                ResourceID.fromResource(proxy),
                status.health() != null && status.health().breaker() == BreakerState.OPEN ? 1 : 0);
        gauges.retain(
                StatusGauges.Gauge.UPSTREAM_BREAKER_OPEN,
                context.getPrimaryCache().list().map(ResourceID::fromResource).collect(Collectors.toSet()));
        if (status.equals(previous)) {
            return UpdateControl.noUpdate();
        }
        log.info(
                "UpstreamProxy {}/{} is used by {}",
                proxy.getMetadata().getNamespace(),
                proxy.getMetadata().getName(),
                status.usedBy());
        StatusWrites.write(proxy, status, context);
        return UpdateControl.noUpdate();
    }
}
