package dev.wharf.operator.runtimestatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.BreakerState;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading a Registry's report from a real HTTP server answering as the runtime's {@code /api/v1/status} does. */
class HttpRuntimeStatusClientTest {

    private static final Registry NPM = new KubernetesSerialization().unmarshal("""
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata: {name: npm, namespace: artifacts}
            spec: {format: npm}
            """, Registry.class);

    private static final String CREDENTIAL = "wharf-status-test-credential-of-the-npm-registry";

    private HttpServer server;
    private volatile int status = 200;
    private volatile String body = "";
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(HttpRuntimeStatusClient.STATUS_PATH, exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void usageWhenTheRuntimeListsTheRegistryShouldReturnItsVersionsAndBytes() {
        body = """
                {"configuration": {"source": "/etc/wharf/config", "servingPrevious": false, "problems": []},
                 "registries": [
                   {"name": "other", "format": "npm", "versions": 1, "storageBytes": 2},
                   {"name": "npm", "format": "npm", "implemented": false, "ready": true, "problems": [],
                    "packages": 3, "versions": 1532, "files": 1600, "storageBytes": 7401235, "downloads": 9,
                    "upstreams": []}
                 ]}
                """;

        Optional<RuntimeReport> usage = client().report(NPM, CREDENTIAL);

        assertThat(usage).contains(new RuntimeReport(1532, 7401235, List.of()));
        assertThat(authorizations).containsExactly("Bearer " + CREDENTIAL);
    }

    @Test
    void usageWhenTheRuntimeRefusesTheCallerShouldBeEmpty() {
        status = 401;

        assertThat(client().report(NPM, CREDENTIAL)).isEmpty();
        assertThat(authorizations).containsExactly("Bearer " + CREDENTIAL);
    }

    @Test
    void reportWhenTheRuntimeListsUpstreamsShouldReturnTheirHealth() {
        body = """
                {"registries": [{"name": "npm", "versions": 2, "storageBytes": 10, "upstreams": [
                  {"name": "npmjs", "url": "https://registry.npmjs.org", "health": "down", "breaker": "Open",
                   "consecutiveFailures": 5, "lastSuccess": "2026-01-02T03:04:05Z",
                   "lastFailure": "2026-01-02T03:09:00Z", "lastError": "connect timed out"},
                  {"name": "mirror", "health": "unknown", "breaker": "Closed", "consecutiveFailures": 0}]}]}
                """;

        assertThat(client().report(NPM, CREDENTIAL).orElseThrow().upstreams())
                .containsExactly(
                        new UpstreamReport(
                                "npmjs",
                                BreakerState.OPEN,
                                5,
                                "2026-01-02T03:04:05Z",
                                "2026-01-02T03:09:00Z",
                                "connect timed out"),
                        new UpstreamReport("mirror", BreakerState.CLOSED, 0, null, null, null));
    }

    @Test
    void usageWhenTheRegistryIsNotListedShouldBeEmpty() {
        body = "{\"registries\": [{\"name\": \"other\", \"versions\": 1, \"storageBytes\": 2}]}";

        assertThat(client().report(NPM, CREDENTIAL)).isEmpty();
    }

    @Test
    void usageWhenTheAnswerIsNotJsonShouldBeEmpty() {
        body = "<html>proxy error</html>";

        assertThat(client().report(NPM, CREDENTIAL)).isEmpty();
    }

    @Test
    void usageWhenNothingListensShouldBeEmpty() {
        URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.stop(0);

        assertThat(new HttpRuntimeStatusClient(registry -> root).report(NPM, CREDENTIAL))
                .isEmpty();
    }

    private HttpRuntimeStatusClient client() {
        URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new HttpRuntimeStatusClient(registry -> root);
    }
}
