package dev.wharf.operator;

import dev.wharf.operator.cleanup.CleanupPolicyReconciler;
import dev.wharf.operator.firewall.FirewallPolicyReconciler;
import dev.wharf.operator.registry.RegistryReconciler;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import dev.wharf.operator.registry.dependents.UpgradePace;
import dev.wharf.operator.runtimestatus.HttpRuntimeStatusClient;
import dev.wharf.operator.runtimestatus.RuntimeReports;
import dev.wharf.operator.runtimestatus.RuntimeStatusClient;
import dev.wharf.operator.status.StatusGauges;
import dev.wharf.operator.upstream.UpstreamProxyReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Set;
import java.util.function.Consumer;

/** Builds the java-operator-sdk Operator from the settings, with every Wharf controller registered. */
public final class OperatorFactory {

    private OperatorFactory() {}

    /**
     * A configured, not yet started Operator that runs {@link RuntimeImage#forThisVersion()} and reads the registry
     * pods' status endpoint in the cluster.
     */
    public static Operator create(
            KubernetesClient client,
            OperatorSettings settings,
            MeterRegistry meters,
            Clock clock,
            Consumer<ConfigurationServiceOverrider> customizer) {
        return create(
                client,
                settings,
                meters,
                clock,
                customizer,
                RuntimeImage.forThisVersion(),
                new HttpRuntimeStatusClient(RegistryObjects::serviceRoot));
    }

    /**
     * A configured, not yet started Operator.
     *
     * @param client the client every controller uses
     * @param meters where java-operator-sdk records its reconcile metrics (without per-resource tags)
     * @param clock the time written into status conditions
     * @param customizer last changes to the configuration, such as turning server-side apply off for a mock server
     * @param runtimeImage the registry runtime image a Registry runs unless its {@code spec.image} names another
     * @param runtimeStatus asks a Registry's pods what they hold and how their upstreams are, at most once per
     *     {@link OperatorSettings#statusInterval()}
     */
    public static Operator create(
            KubernetesClient client,
            OperatorSettings settings,
            MeterRegistry meters,
            Clock clock,
            Consumer<ConfigurationServiceOverrider> customizer,
            String runtimeImage,
            RuntimeStatusClient runtimeStatus) {
        Consumer<ConfigurationServiceOverrider> configuration = overrider -> {
            overrider
                    .withKubernetesClient(client)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(meters))
                    .withStopOnInformerErrorDuringStartup(true);
            if (settings.leaderElection()) {
                LeaderElectionConfigurationBuilder leaderElection =
                        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName());
                String leaseNamespace = settings.leaseNamespace();
                if (leaseNamespace != null) {
                    leaderElection.withLeaseNamespace(leaseNamespace);
                }
                overrider.withLeaderElectionConfiguration(leaderElection.build());
            }
        };
        Operator operator = new Operator(configuration.andThen(customizer));
        Consumer<ControllerConfigurationOverrider<?>> namespaces = controller -> {
            if (settings.watchesAllNamespaces()) {
                controller.watchingAllNamespaces();
            } else {
                controller.settingNamespaces(Set.copyOf(settings.namespaces()));
            }
        };
        RuntimeReports reports = new RuntimeReports(runtimeStatus, settings.statusInterval(), clock);
        StatusGauges gauges = new StatusGauges(meters);
        operator.register(new UpstreamProxyReconciler(reports, gauges, clock), namespaces::accept);
        UpgradePace pace = new UpgradePace(settings.upgradeBatch(), settings.upgradeWindow(), clock);
        operator.register(new RegistryReconciler(runtimeImage, reports, gauges, pace, clock), namespaces::accept);
        operator.register(new CleanupPolicyReconciler(reports, gauges, clock), namespaces::accept);
        operator.register(new FirewallPolicyReconciler(reports, gauges, clock), namespaces::accept);
        return operator;
    }
}
