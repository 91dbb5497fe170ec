package dev.wharf.operator.runtimestatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.wharf.api.v1alpha1.registry.Registry;
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

/** Reading a Registry's usage from a real HTTP server answering as the runtime's {@code /api/v1/status} does. */
class HttpRuntimeStatusClientTest {

    private static final Registry NPM = new KubernetesSerialization().unmarshal("""
            apiVersion: wharf.dev/v1alpha1
            kind: Registry
            metadata: {name: npm, namespace: artifacts}
            spec: {format: npm}
            """, Registry.class);

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

        Optional<RuntimeUsage> usage = client(Optional.of("operator-token")).usage(NPM);

        assertThat(usage).contains(new RuntimeUsage(1532, 7401235));
        assertThat(authorizations).containsExactly("Bearer operator-token");
    }

    @Test
    void usageWhenTheRuntimeRefusesTheCallerShouldBeEmpty() {
        status = 401;

        assertThat(client(Optional.empty()).usage(NPM)).isEmpty();
        assertThat(authorizations).containsExactly("null");
    }

    @Test
    void usageWhenTheRegistryIsNotListedShouldBeEmpty() {
        body = "{\"registries\": [{\"name\": \"other\", \"versions\": 1, \"storageBytes\": 2}]}";

        assertThat(client(Optional.empty()).usage(NPM)).isEmpty();
    }

    @Test
    void usageWhenTheAnswerIsNotJsonShouldBeEmpty() {
        body = "<html>proxy error</html>";

        assertThat(client(Optional.empty()).usage(NPM)).isEmpty();
    }

    @Test
    void usageWhenNothingListensShouldBeEmpty() {
        URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.stop(0);

        assertThat(new HttpRuntimeStatusClient(registry -> root, Optional::empty).usage(NPM))
                .isEmpty();
    }

    private HttpRuntimeStatusClient client(Optional<String> token) {
        URI root = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new HttpRuntimeStatusClient(registry -> root, () -> token);
    }
}
