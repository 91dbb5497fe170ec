package dev.wharf.operator.bench;

import dev.wharf.operator.OperatorFactory;
import dev.wharf.operator.OperatorSettings;
import dev.wharf.operator.runtimestatus.RuntimeStatusClient;
import dev.wharf.operator.testing.MockCluster;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * The operator alone in its JVM, as in its pod, against the mock API server at {@code args[0]}: it prints
 * {@code ready} once started, and answers each {@code measure} line on standard input with its heap after a full
 * collection, so that {@link OperatorBench} measures the operator and not the mock server.
 */
public final class BenchOperator {

    private BenchOperator() {}

    /** Runs until standard input closes. */
    public static void main(String[] args) throws IOException {
        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder()
                        .withMasterUrl(args[0])
                        .withTrustCerts(true)
                        .build())
                .build()) {
            Operator operator = OperatorFactory.create(
                    client,
                    OperatorSettings.parse(Map.of()),
                    new SimpleMeterRegistry(),
                    Clock.systemUTC(),
                    MockCluster.OPERATOR_SETTINGS,
                    RegistryOperator.IMAGE,
                    RuntimeStatusClient.DISABLED);
            operator.start();
            System.out.println("ready");
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = commands.readLine(); command != null; command = commands.readLine()) {
                if (command.equals("measure")) {
                    System.gc();
                    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                    System.out.println("heap " + heap.getUsed() + " " + heap.getCommitted());
                    System.out.flush();
                }
            }
            operator.stop();
        }
    }
}
