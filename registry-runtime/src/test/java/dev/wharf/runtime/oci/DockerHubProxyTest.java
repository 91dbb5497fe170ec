package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.DOCKER_LIST;
import static dev.wharf.runtime.oci.OciContent.DOCKER_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.OCI_INDEX;
import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Opt-in, because it needs the internet: skopeo pulls Docker Hub's {@code busybox} (an official image, so
 * {@code library/busybox} at the upstream) through a Wharf docker registry whose UpstreamProxy is
 * {@code https://registry-1.docker.io}, which takes Docker Hub's anonymous token dance; the tag is then served from
 * Wharf's cache, saying so. Run it with {@code WHARF_TEST_DOCKER_HUB=1} where registry-1.docker.io is reachable.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@EnabledIfEnvironmentVariable(
        named = DockerHubProxyTest.ENABLE,
        matches = "1|true",
        disabledReason = "pulls from Docker Hub over the internet; set " + DockerHubProxyTest.ENABLE
                + "=1 to run it (registry-1.docker.io:443 must be reachable, skopeo installed)")
class DockerHubProxyTest {

    static final String ENABLE = "WHARF_TEST_DOCKER_HUB";

    private static final String HUB = "registry-1.docker.io";
    private static final String TAG = "1.36";
    private static final String MANIFEST_TYPES =
            String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @Autowired
    private WebTestClient client;

    @BeforeAll
    static void dockerHubIsReachableAndSkopeoInstalled() {
        Assumptions.assumeTrue(
                Skopeo.installed(),
                "skopeo is not installed (apt-get install -y skopeo); the Docker Hub test is skipped");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HUB, 443), 5000);
        } catch (IOException e) {
            Assumptions.abort(ENABLE + " is set, but " + HUB + ":443 cannot be reached from here (" + e
                    + "); run the test where it can, or unset " + ENABLE);
        }
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
        try {
            Files.writeString(root.resolve("config").resolve("hub.yaml"), """
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: hub
                    spec:
                      format: docker
                      allowPush: false
                      upstreamProxies: [docker-hub]
                      access:
                        usersSecret: test-users
                        rules:
                          - {subjects: [{group: readers}], role: read}
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: UpstreamProxy
                    metadata:
                      name: docker-hub
                    spec:
                      format: docker
                      url: https://%s
                      timeouts: {connect: 10s, response: 60s}
                    """.formatted(HUB));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void skopeoShouldPullAnOfficialImageFromDockerHubThroughTheProxyAndTheTagShouldThenBeACacheHit() throws Exception {
        String image = "docker://localhost:" + port + "/hub/busybox:" + TAG;

        Skopeo.run(
                "copy",
                "--src-tls-verify=false",
                "--src-creds",
                READER + ":" + PASSWORD,
                image,
                "dir:" + work.resolve("busybox"));

        assertThat(work.resolve("busybox/manifest.json")).isNotEmptyFile();
        WebTestClient.ResponseSpec again = client.get()
                .uri("/v2/hub/busybox/manifests/" + TAG)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, MANIFEST_TYPES)
                .exchange();
        again.expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Wharf-Source", "docker-hub")
                .expectHeader()
                .valueEquals("X-Wharf-Cache", "HIT")
                .expectHeader()
                .value("Docker-Content-Digest", digest -> assertThat(digest).startsWith("sha256:"));
    }
}
