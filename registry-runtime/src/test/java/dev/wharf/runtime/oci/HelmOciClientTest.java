package dev.wharf.runtime.oci;

import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Helm (its own Go code, through helm-java) logs in, pushes a packaged chart as an OCI artifact and reads it back from
 * the running runtime, as {@code helm registry login}, {@code helm push} and {@code helm show chart oci://...} do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class HelmOciClientTest {

    private static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
    private static final String HELM_CHART = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private WebTestClient client;

    @AfterEach
    void logOut() {
        Helm.registry().logout().withHost(host()).plainHttp().call();
    }

    @Test
    void helmShouldPushAChartAsAnOciArtifactAndShowItBack(@TempDir Path work) throws Exception {
        Helm chart = Helm.create().withName("demo").withDir(work).call();
        Path packaged = work.resolve("packaged");
        Files.createDirectories(packaged);
        chart.packageIt().withDestination(packaged).call();
        Path archive;
        try (Stream<Path> files = Files.list(packaged)) {
            archive = files.filter(file -> file.getFileName().toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow();
        }

        Helm.registry()
                .login()
                .withHost(host())
                .withUsername(WRITER)
                .withPassword(PASSWORD)
                .plainHttp()
                .call();
        Helm.push()
                .withChart(archive)
                .withRemote(URI.create("oci://" + host() + "/images/charts"))
                .plainHttp()
                .call();

        String shown = Helm.show("oci://" + host() + "/images/charts/demo")
                .chart()
                .withVersion("0.1.0")
                .plainHttp()
                .call();
        assertThat(shown).contains("name: demo", "version: 0.1.0");

        Map<String, Object> manifest = client.get()
                .uri("/v2/images/charts/demo/manifests/0.1.0")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, "application/vnd.oci.image.manifest.v1+json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(manifest).isNotNull();
        assertThat(manifest.get("config").toString()).contains(HELM_CONFIG);
        assertThat(manifest.get("layers").toString()).contains(HELM_CHART);
    }

    private String host() {
        return "localhost:" + port;
    }
}
