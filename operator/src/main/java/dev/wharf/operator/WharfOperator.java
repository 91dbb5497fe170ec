package dev.wharf.operator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's entry point: reads {@link OperatorSettings} from the environment, checks the cluster, serves health
 * and metrics, and runs the controllers until the process is stopped.
 */
public final class WharfOperator {

    /** Exit status when the environment holds an invalid setting. */
    static final int INVALID_SETTINGS = 2;

    /** Exit status when the operator cannot start: no cluster, no CRDs, a port taken. */
    static final int CANNOT_START = 1;

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(WharfOperator.class);

    private WharfOperator() {}

    public static void main(String[] args) {
        int failure = start();
        if (failure != 0) {
            // Also runs the shutdown hook, which stops whatever had started.
            System.exit(failure);
        }
    }

    /** Starts the operator; returns 0 once it runs, or the exit status that says why it could not. */
    private static int start() {
        OperatorSettings settings;
        try {
            settings = OperatorSettings.parse(System.getenv());
        } catch (IllegalArgumentException e) {
            log.error("Invalid setting: {}", e.getMessage());
            return INVALID_SETTINGS;
        }
        log.info(
                "Starting the Wharf operator: namespaces {}, health port {}, leader election {}",
                settings.watchesAllNamespaces() ? "all" : String.join(",", settings.namespaces()),
                settings.healthPort(),
                settings.leaderElection() ? "on (Lease " + settings.leaseName() + ")" : "off");

        // From KUBECONFIG or ~/.kube/config, else from the pod's ServiceAccount.
        Config config = Config.autoConfigure(null);
        Optional<String> problem = ClusterPreflight.problem(config);
        if (problem.isPresent()) {
            log.error(problem.get());
            return CANNOT_START;
        }
        KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build();

        OperatorMetrics metrics = OperatorMetrics.create();
        Operator operator = OperatorFactory.create(client, settings, metrics.registry(), Clock.systemUTC(), o -> {});
        HealthServer health;
        try {
            health = HealthServer.start(
                    new InetSocketAddress(settings.healthPort()), new OperatorReadiness(operator), metrics.registry());
        } catch (IOException e) {
            log.error("Cannot serve health and metrics on port {}: {}", settings.healthPort(), Failures.describe(e));
            operator.stop();
            client.close();
            return CANNOT_START;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(operator, health, metrics), "wharf-shutdown"));

        try {
            operator.start();
        } catch (RuntimeException e) {
            log.error("The Wharf operator could not start: {}", Failures.describe(e));
            return CANNOT_START;
        }
        log.info("The Wharf operator is running");
        return 0;
    }

    private static void stop(Operator operator, HealthServer health, OperatorMetrics metrics) {
        log.info("Stopping the Wharf operator");
        try {
            operator.stop();
        } catch (RuntimeException e) {
            log.warn("The operator did not stop cleanly: {}", Failures.describe(e));
        }
        health.stop(STOP_GRACE);
        metrics.close();
    }
}
