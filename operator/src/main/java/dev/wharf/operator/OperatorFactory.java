package dev.wharf.operator;

import dev.wharf.operator.upstream.UpstreamProxyReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
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
     * A configured, not yet started Operator.
     *
     * @param client the client every controller uses
     * @param meters where java-operator-sdk records its reconcile metrics (without per-resource tags)
     * @param clock the time written into status conditions
     * @param customizer last changes to the configuration, such as turning server-side apply off for a mock server
     */
    public static Operator create(
            KubernetesClient client,
            OperatorSettings settings,
            MeterRegistry meters,
            Clock clock,
            Consumer<ConfigurationServiceOverrider> customizer) {
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
        operator.register(new UpstreamProxyReconciler(clock), controller -> {
            if (settings.watchesAllNamespaces()) {
                controller.watchingAllNamespaces();
            } else {
                controller.settingNamespaces(Set.copyOf(settings.namespaces()));
            }
        });
        return operator;
    }
}
