package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Activates the ServiceMonitor dependent only when the Prometheus operator's ServiceMonitor CRD exists, so that the
 * operator neither fails nor watches a resource the cluster does not have. A missing CRD is looked up again at most
 * once a minute, so installing the Prometheus operator later is noticed without a restart.
 */
public final class PrometheusOperatorPresent implements Condition<GenericKubernetesResource, Registry> {

    /** The CRD's name. */
    static final String CRD = "servicemonitors.monitoring.coreos.com";

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final Clock clock = Clock.systemUTC();
    private volatile boolean present;
    private volatile Instant checked = Instant.MIN;

    @Override
    public boolean isMet(
            DependentResource<GenericKubernetesResource, Registry> dependent,
            Registry registry,
            Context<Registry> context) {
        if (!present && clock.instant().isAfter(checked.plus(RECHECK))) {
            checked = clock.instant();
            present = context.getClient()
                            .apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(CRD)
                            .get()
                    != null;
        }
        return present;
    }
}
