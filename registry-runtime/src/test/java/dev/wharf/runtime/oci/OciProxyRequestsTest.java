package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.DOCKER_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What a docker Registry with an upstream proxy asks it, counted by a {@link RecordingUpstream} in front of Debian's
 * docker-registry: a HEAD of a blob or a manifest by digest fetches nothing. Skipped where docker-registry is not
 * installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@EnabledIf("dev.wharf.runtime.oci.DistributionRegistry#installed")
class OciProxyRequestsTest {

    private static final String MANIFEST_TYPES = OCI_MANIFEST + ", " + DOCKER_MANIFEST;

    @TempDir
    static Path root;

    private static DistributionRegistry distribution;
    private static RecordingUpstream upstream;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        TestRuntime.configure(registry, root);
        distribution = DistributionRegistry.start(root.resolve("upstream"));
        upstream = RecordingUpstream.forwardingTo(distribution.url());
        String access = """
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                """;
        try {
            Files.writeString(root.resolve("config").resolve("proxies.yaml"), """
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: recorded
                    spec:
                      format: docker
                      upstreamProxies: [recorded]
                    %1$s
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: dark
                    spec:
                      format: docker
                      upstreamProxies: [refusing]
                    %1$s
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: UpstreamProxy
                    metadata:
                      name: recorded
                    spec:
                      format: docker
                      url: %2$s
                      cache: {metadataTTL: 1h}
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: UpstreamProxy
                    metadata:
                      name: refusing
                    spec:
                      format: docker
                      url: http://127.0.0.1:1
                    """.formatted(access, upstream.url()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopUpstreams() {
        if (upstream != null) {
            upstream.close();
        }
        if (distribution != null) {
            distribution.close();
        }
    }

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    /** An image pushed to the upstream: its name, manifest and blobs. */
    private record Image(String name, byte[] manifest, byte[] config, byte[] layer) {}

    private static Image pushImage(String tag, int layerSize) {
        String name = "team/app-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] config = blob(300);
        byte[] layer = blob(layerSize);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of(layer));
        distribution.pushImage(name, tag, manifest, OCI_MANIFEST, List.of(config, layer));
        return new Image(name, manifest, config, layer);
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path) {
        return client.method(method)
                .uri("/v2/recorded/" + path)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, MANIFEST_TYPES)
                .exchange();
    }

    @Test
    void headOfABlobTheRegistryLacksShouldAskTheUpstreamWithHeadAndFetchNothing() {
        Image image = pushImage("1.0", 50_000);
        String blob = image.name() + "/blobs/" + digest(image.layer());

        send(HttpMethod.HEAD, blob)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentLength(image.layer().length)
                .expectHeader()
                .valueEquals("Docker-Content-Digest", digest(image.layer()))
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"" + digest(image.layer()) + "\"")
                .expectHeader()
                .valueEquals("X-Wharf-Source", "recorded")
                .expectHeader()
                .valueEquals("X-Wharf-Cache", "MISS")
                .expectBody()
                .isEmpty();
        assertThat(upstream.count("HEAD", "/v2/" + blob)).isEqualTo(1);
        assertThat(upstream.count("GET", "/v2/" + blob)).isZero();

        byte[] pulled = send(HttpMethod.GET, blob)
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(pulled).isEqualTo(image.layer());
        assertThat(upstream.count("GET", "/v2/" + blob)).isEqualTo(1);
        send(HttpMethod.HEAD, blob).expectStatus().isOk().expectHeader().valueEquals("X-Wharf-Source", "recorded");
        assertThat(upstream.count("HEAD", "/v2/" + blob)).isEqualTo(1);
    }

    @Test
    void headOfAManifestByDigestTheRegistryLacksShouldAnswerTheUpstreamsTypeAndLengthAndFetchNothing() {
        Image image = pushImage("2.0", 1000);
        String manifest = image.name() + "/manifests/" + digest(image.manifest());

        send(HttpMethod.HEAD, manifest)
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentLength(image.manifest().length)
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_TYPE, OCI_MANIFEST)
                .expectHeader()
                .valueEquals("Docker-Content-Digest", digest(image.manifest()))
                .expectHeader()
                .valueEquals("X-Wharf-Cache", "MISS")
                .expectBody()
                .isEmpty();
        assertThat(upstream.count("GET", "/v2/" + manifest)).isZero();

        send(HttpMethod.GET, manifest).expectStatus().isOk().expectBody(byte[].class).isEqualTo(image.manifest());
        assertThat(upstream.count("GET", "/v2/" + manifest)).isEqualTo(1);
    }

    @Test
    void headOfABlobNoUpstreamHasShouldBeBlobUnknown() {
        send(HttpMethod.HEAD, "team/nowhere/blobs/" + digest(blob(10)))
                .expectStatus()
                .isNotFound();
    }

    @Test
    void headOfABlobWhenTheUpstreamRefusesConnectionsShouldBeUnavailableAsAGetIs() {
        String blob = "/v2/dark/team/app/blobs/" + digest(blob(20));
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
            client.method(method)
                    .uri(blob)
                    .header(HttpHeaders.AUTHORIZATION, basic(READER))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503);
        }
    }
}
