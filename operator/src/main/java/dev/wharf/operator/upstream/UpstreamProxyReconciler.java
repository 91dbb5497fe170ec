package dev.wharf.operator.upstream;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus;
import dev.wharf.operator.status.StatusWrites;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private final Clock clock;

    public UpstreamProxyReconciler(Clock clock) {
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
        return List.of(new InformerEventSource<>(registries, context));
    }

    @Override
    public UpdateControl<UpstreamProxy> reconcile(UpstreamProxy proxy, Context<UpstreamProxy> context) {
        UpstreamProxyStatus previous = proxy.getStatus();
        UpstreamProxyStatus status = UpstreamProxyStatusCalculator.calculate(
                proxy, context.getSecondaryResources(Registry.class), previous, clock);
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
