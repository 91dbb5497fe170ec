package dev.wharf.operator.bench;

import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.operator.testing.CommittedCrds;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator benchmark: against the fabric8 mock API server (CRUD mode), the time from creating 500 Registries to
 * all their dependents existing, the operator's heap and RSS then, and the time for one UpstreamProxy change to reach
 * the ConfigMaps of the 100 Registries that use it; with {@code WHARF_BENCH_UNRELATED_SECRETS=5000}, that many Secrets no
 * Registry names exist (half in the Registries' namespace) before the operator starts. The operator runs in a child JVM ({@link BenchOperator}). Run it
 * with {@code bench/operator/run}.
 */
public final class OperatorBench {

    private static final String NAMESPACE = "bench";
    private static final int REGISTRIES = 500;
    private static final int PROXY_USERS = 100;
    /** Secrets no Registry names, created before the operator starts (WHARF_BENCH_UNRELATED_SECRETS, default 0). */
    private static final String UNRELATED_SECRETS = "WHARF_BENCH_UNRELATED_SECRETS";
    /** The size of each unrelated Secret's value: about what a TLS key pair or a docker config holds. */
    private static final int UNRELATED_SECRET_BYTES = 4096;

    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    /** The mock server logs every request through java.util.logging: held here, so the level set sticks. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private OperatorBench() {}

    /** Prints the figures; {@code args[0]} is the child JVM's heap limit, e.g. {@code 512m}. */
    public static void main(String[] args) throws Exception {
        String maxHeap = args.length > 0 ? args[0] : "512m";
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init();
        KubernetesClient client = server.createClient();
        CommittedCrds.create(client);
        client.resource(YAML.unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: UpstreamProxy
                        metadata: {name: shared, namespace: %s}
                        spec: {format: npm, url: https://registry.npmjs.org}
                        """.formatted(NAMESPACE), UpstreamProxy.class))
                .create();
        int unrelated = Integer.parseInt(System.getenv().getOrDefault(UNRELATED_SECRETS, "0"));
        String value = Base64.getEncoder()
                .encodeToString("x".repeat(UNRELATED_SECRET_BYTES).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < unrelated; i++) {
            client.secrets()
                    .resource(new SecretBuilder()
                            .withNewMetadata()
                            .withName("unrelated-" + i)
                            .withNamespace(i % 2 == 0 ? NAMESPACE : "elsewhere")
                            .endMetadata()
                            .addToData("tls.key", value)
                            .build())
                    .create();
        }

        Path log = Files.createTempFile("wharf-bench-operator", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx" + maxHeap,
                        BenchOperator.class.getName(),
                        client.getMasterUrl().toString()))
                .redirectErrorStream(true);
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        Process operator = builder.start();
        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        drain(operator, log, replies);
        try (Writer in = new OutputStreamWriter(operator.getOutputStream(), StandardCharsets.UTF_8)) {
            expect(replies, "ready", log);

            long start = System.nanoTime();
            for (int i = 0; i < REGISTRIES; i++) {
                String spec = i < PROXY_USERS ? "{format: npm, upstreamProxies: [shared]}" : "{format: generic}";
                client.resource(YAML.unmarshal("""
                                apiVersion: wharf.dev/v1alpha1
                                kind: Registry
                                metadata: {name: r-%d, namespace: %s}
                                spec: %s
                                """.formatted(i, NAMESPACE, spec), Registry.class))
                        .create();
            }
            long created = System.nanoTime();
            awaitTrue(
                    "every Registry's ServiceAccount, ConfigMap, Service and StatefulSet",
                    () -> client.serviceAccounts()
                                            .inNamespace(NAMESPACE)
                                            .list()
                                            .getItems()
                                            .size()
                                    == REGISTRIES
                            && client.configMaps()
                                            .inNamespace(NAMESPACE)
                                            .list()
                                            .getItems()
                                            .size()
                                    == REGISTRIES
                            && client.services()
                                            .inNamespace(NAMESPACE)
                                            .list()
                                            .getItems()
                                            .size()
                                    == REGISTRIES
                            && client.apps()
                                            .statefulSets()
                                            .inNamespace(NAMESPACE)
                                            .list()
                                            .getItems()
                                            .size()
                                    == REGISTRIES);
            long rendered = System.nanoTime();

            in.write("measure\n");
            in.flush();
            String[] heap = expect(replies, "heap", log).split(" ");
            long rss = rssKiB(operator.pid());

            String mirror = "https://npm.mirror.example.com";
            long changed = System.nanoTime();
            client.resources(UpstreamProxy.class)
                    .inNamespace(NAMESPACE)
                    .withName("shared")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"url\":\"" + mirror + "\"}}");
            awaitTrue(
                    "the new URL in the ConfigMaps of the " + PROXY_USERS + " Registries using the proxy",
                    () -> client.configMaps().inNamespace(NAMESPACE).list().getItems().stream()
                                    .filter(c -> usesMirror(c, mirror))
                                    .count()
                            == PROXY_USERS);
            long propagated = System.nanoTime();

            System.out.printf(
                    Locale.ROOT,
                    "%d Registries created in %.1f s; all dependents existed %.1f s after the first create%n",
                    REGISTRIES,
                    seconds(created - start),
                    seconds(rendered - start));
            System.out.printf(
                    Locale.ROOT,
                    "operator (-Xmx%s, %d unrelated Secrets of %d bytes): heap after full GC %.1f MiB (committed %.1f MiB),"
                            + " RSS %.1f MiB%n",
                    maxHeap,
                    unrelated,
                    UNRELATED_SECRET_BYTES,
                    Long.parseLong(heap[1]) / 1048576.0,
                    Long.parseLong(heap[2]) / 1048576.0,
                    rss / 1024.0);
            System.out.printf(
                    Locale.ROOT,
                    "one UpstreamProxy change reached the ConfigMaps of its %d Registries in %.2f s%n",
                    PROXY_USERS,
                    seconds(propagated - changed));
        } finally {
            operator.destroy();
            operator.waitFor();
            client.close();
            server.destroy();
        }
    }

    private static boolean usesMirror(ConfigMap configMap, String mirror) {
        String proxies =
                configMap.getData() == null ? null : configMap.getData().get("upstreamproxies.yaml");
        return proxies != null && proxies.contains(mirror);
    }

    /** Polls every 100 ms: the figures are the time until the condition first held, to that resolution. */
    private static void awaitTrue(String what, Callable<Boolean> condition) {
        await(what).atMost(LIMIT).pollInterval(Duration.ofMillis(100)).until(condition);
    }

    /** Copies the child's output to the log, and its replies ({@code ready}, {@code heap ...}) to the queue. */
    private static void drain(Process operator, Path log, BlockingQueue<String> replies) {
        Thread.ofPlatform().daemon().name("operator-output").start(() -> {
            try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(operator.getInputStream(), StandardCharsets.UTF_8));
                    Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("ready") || line.startsWith("heap ")) {
                        replies.add(line);
                    } else {
                        file.write(line + "\n");
                    }
                }
            } catch (IOException e) {
                replies.add("failed: " + e);
            }
            replies.add("exited");
        });
    }

    private static String expect(BlockingQueue<String> replies, String prefix, Path log)
            throws IOException, InterruptedException {
        String reply = replies.poll(LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (reply == null || !reply.startsWith(prefix)) {
            throw new IllegalStateException("the operator answered " + reply + " instead of " + prefix + "; its log, "
                    + log + ":\n" + Files.readString(log));
        }
        return reply;
    }

    private static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
