package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.operator.runtimestatus.HttpRuntimeStatusClient;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A ready Registry's artifact count and storage used, read from its runtime's status endpoint into its status. */
@EnableKubernetesMockClient(crud = true)
class RegistryRuntimeStatusTest {

    static KubernetesClient client;
    static Operator operator;
    static HttpServer runtime;

    @BeforeAll
    static void start() throws IOException {
        runtime = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        runtime.createContext(HttpRuntimeStatusClient.STATUS_PATH, exchange -> {
            byte[] bytes = """
                    {"registries": [{"name": "files", "format": "generic", "versions": 42, "storageBytes": 4096}]}
                    """.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        runtime.start();
        URI root = URI.create("http://127.0.0.1:" + runtime.getAddress().getPort());
        operator = RegistryOperator.start(
                client, new SimpleMeterRegistry(), new HttpRuntimeStatusClient(registry -> root, Optional::empty));
    }

    @AfterAll
    static void stop() {
        operator.stop();
        runtime.stop(0);
    }

    @Test
    void reconcileWhenAPodIsReadyShouldReportTheRuntimesArtifactsAndBytes() {
        String ns = "usage";
        client.resource(new KubernetesSerialization().unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: files, namespace: usage}
                        spec: {format: generic}
                        """, Registry.class))
                .create();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.apps()
                                .statefulSets()
                                .inNamespace(ns)
                                .withName("files")
                                .get()
                        != null);

        client.apps().statefulSets().inNamespace(ns).withName("files").editStatus(set -> {
            set.setStatus(new StatefulSetStatusBuilder()
                    .withReplicas(1)
                    .withReadyReplicas(1)
                    .build());
            return set;
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            RegistryStatus status = RegistryOperator.observedStatus(client, ns, "files");
            assertThat(status.artifacts()).isEqualTo(42L);
            assertThat(status.storageBytes()).isEqualTo(4096L);
        });
    }
}
