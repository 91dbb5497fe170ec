package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.DOCKER_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * docker-registry: a HEAD of a blob or a manifest by digest fetches nothing; a blob's miss is streamed to its client
 * while it is stored. Skipped where docker-registry is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@EnabledIf("dev.wharf.runtime.oci.DistributionRegistry#installed")
class OciProxyRequestsTest {

    private static final String MANIFEST_TYPES = OCI_MANIFEST + ", " + DOCKER_MANIFEST;
    private static final String CRANE_TYPES =
            String.join(",", OciContent.OCI_INDEX, OciContent.DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

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
                      name: pull-through
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
                .uri("/v2/pull-through/" + path)
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
        send(HttpMethod.HEAD, blob).expectStatus().isOk().expectHeader().valueEquals("X-Wharf-Source", "pull-through");
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

        send(HttpMethod.GET, manifest)
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .isEqualTo(image.manifest());
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

    private HttpResponse<InputStream> open(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/pull-through/" + path))
                                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void getOfABlobMissShouldSendItsFirstBytesBeforeTheUpstreamSentItsLastThenServeItFromTheRegistry()
            throws Exception {
        Image image = pushImage("3.0", 2_000_000);
        String blob = image.name() + "/blobs/" + digest(image.layer());
        CountDownLatch rest = new CountDownLatch(1);
        upstream.hold("/v2/" + blob, 1_000_000, rest);

        HttpResponse<InputStream> response = CompletableFuture.supplyAsync(() -> {
                    try {
                        return open(blob);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                })
                .get(30, TimeUnit.SECONDS);
        byte[] layer;
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Wharf-Cache")).hasValue("MISS");
            assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(image.layer().length);
            byte[] first = CompletableFuture.supplyAsync(() -> {
                        try {
                            return body.readNBytes(100_000);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            rest.countDown();
            layer = new byte[image.layer().length];
            System.arraycopy(first, 0, layer, 0, first.length);
            int read = body.readNBytes(layer, first.length, layer.length - first.length);
            assertThat(first.length + read).isEqualTo(layer.length);
            assertThat(body.read()).isEqualTo(-1);
        }
        assertThat(layer).isEqualTo(image.layer());

        // Linked to the repository just after the last byte went out.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<InputStream> local = open(blob);
            try (InputStream body = local.body()) {
                assertThat(body.readAllBytes()).isEqualTo(image.layer());
            }
            assertThat(local.headers().firstValue("X-Wharf-Source")).hasValue("pull-through");
        });
        assertThat(upstream.count("GET", "/v2/" + blob)).isEqualTo(1);
    }

    @Test
    void getOfABlobMissWhoseUpstreamSendsOtherContentShouldBreakTheResponseOffAndKeepNothing() throws Exception {
        Image image = pushImage("4.0", 300_000);
        String blob = image.name() + "/blobs/" + digest(image.layer());
        upstream.corrupt("/v2/" + blob);

        for (int attempt = 1; attempt <= 2; attempt++) {
            HttpResponse<InputStream> response = open(blob);

            assertThat(response.statusCode()).isEqualTo(200);
            try (InputStream body = response.body()) {
                assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
            }
            assertThat(upstream.count("GET", "/v2/" + blob)).isEqualTo(attempt);
        }
    }

    @Test
    void conditionalPullOfATagWithinTheMetadataTtlShouldBeNotModifiedFromTheCacheWithoutAskingTheUpstream() {
        Image image = pushImage("5.0", 1000);
        String tag = image.name() + "/manifests/5.0";
        String etag = "\"" + digest(image.manifest()) + "\"";
        send(HttpMethod.GET, tag).expectStatus().isOk();
        long asked = upstream.count("GET", "/v2/" + tag) + upstream.count("HEAD", "/v2/" + tag);

        // As docker pulled it; as crane asks (another Accept list); as a client that sends no Accept.
        for (List<String> accept : List.of(List.of(MANIFEST_TYPES), List.of(CRANE_TYPES), List.<String>of())) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
                client.method(method)
                        .uri("/v2/pull-through/" + tag)
                        .header(HttpHeaders.AUTHORIZATION, basic(READER))
                        .headers(headers -> accept.forEach(type -> headers.add(HttpHeaders.ACCEPT, type)))
                        .header(HttpHeaders.IF_NONE_MATCH, etag)
                        .exchange()
                        .expectStatus()
                        .isNotModified()
                        .expectHeader()
                        .valueEquals(HttpHeaders.ETAG, etag)
                        .expectHeader()
                        .valueEquals("Docker-Content-Digest", digest(image.manifest()))
                        .expectHeader()
                        .valueEquals("X-Wharf-Cache", "HIT")
                        .expectBody()
                        .isEmpty();
            }
        }
        assertThat(upstream.count("GET", "/v2/" + tag) + upstream.count("HEAD", "/v2/" + tag))
                .isEqualTo(asked);
    }

    @Test
    void conditionalPullOfATagWithAnotherEntityTagShouldGetTheManifestWhole() {
        Image image = pushImage("6.0", 1000);
        String tag = image.name() + "/manifests/6.0";
        send(HttpMethod.GET, tag).expectStatus().isOk();

        client.get()
                .uri("/v2/pull-through/" + tag)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, CRANE_TYPES)
                .header(HttpHeaders.IF_NONE_MATCH, "\"" + digest(image.config()) + "\"")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .isEqualTo(image.manifest());
    }
}
