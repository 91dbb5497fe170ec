package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.DOCKER_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A docker Registry with upstream proxies pulls through them, with Debian's docker-registry as the upstreams:
 * {@code mirror} asks {@code first}, then {@code second}; {@code stale-mirror} asks {@code stoppable}, which a test
 * stops. Skipped where docker-registry is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@EnabledIf("dev.wharf.runtime.oci.DistributionRegistry#installed")
class OciProxyTest {

    private static final String MANIFEST_TYPES = OCI_MANIFEST + ", " + DOCKER_MANIFEST;

    @TempDir
    static Path root;

    private static DistributionRegistry first;
    private static DistributionRegistry second;
    private static DistributionRegistry stoppable;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        TestRuntime.configure(registry, root);
        first = DistributionRegistry.start(root.resolve("first"));
        second = DistributionRegistry.start(root.resolve("second"));
        stoppable = DistributionRegistry.start(root.resolve("stoppable"));
        String access = """
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                """;
        try {
            Files.writeString(root.resolve("config").resolve("proxies.yaml"), """
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: mirror
                    spec:
                      format: docker
                      upstreamProxies: [first, second]
                    %1$s
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: stale-mirror
                    spec:
                      format: docker
                      upstreamProxies: [stoppable]
                    %1$s
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: UpstreamProxy
                    metadata:
                      name: first
                    spec:
                      format: docker
                      url: %2$s
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: UpstreamProxy
                    metadata:
                      name: second
                    spec:
                      format: docker
                      url: %3$s
                      cache: {metadataTTL: 1s}
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: UpstreamProxy
                    metadata:
                      name: stoppable
                    spec:
                      format: docker
                      url: %4$s
                      cache: {metadataTTL: 1s, maxStale: 1h}
                      timeouts: {connect: 1s, response: 5s}
                    """.formatted(
                            access, first.url(), second.url(), stoppable.url()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopUpstreams() {
        for (DistributionRegistry upstream : new DistributionRegistry[] {first, second, stoppable}) {
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    @Autowired
    private DownloadCounter downloads;

    /** An image pushed to an upstream: its name, manifest and blobs. */
    private record Image(String name, byte[] manifest, byte[] config, byte[] layer) {

        String digest() {
            return OciContent.digest(manifest);
        }
    }

    private static Image pushTo(DistributionRegistry upstream, String tag) {
        String name = "team/app-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] config = blob(300);
        byte[] layer = blob(90_000);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of(layer));
        upstream.pushImage(name, tag, manifest, OCI_MANIFEST, List.of(config, layer));
        return new Image(name, manifest, config, layer);
    }

    private EntityExchangeResult<byte[]> pull(String registry, String path) {
        return client.get()
                .uri("/v2/" + registry + "/" + path)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, MANIFEST_TYPES)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
    }

    private static String header(EntityExchangeResult<?> result, String name) {
        return Objects.requireNonNullElse(result.getResponseHeaders().getFirst(name), "(none)");
    }

    @Test
    void pullByTagWhenTheRegistryLacksItShouldFetchFromTheUpstreamThenServeItFromTheCache() {
        Image image = pushTo(first, "1.0");
        HttpResponse<byte[]> upstream = first.get("/v2/" + image.name() + "/manifests/1.0", MANIFEST_TYPES);

        EntityExchangeResult<byte[]> miss = pull("mirror", image.name() + "/manifests/1.0");
        assertThat(miss.getResponseBody()).isEqualTo(image.manifest()).isEqualTo(upstream.body());
        assertThat(header(miss, "Content-Type"))
                .isEqualTo(upstream.headers().firstValue("Content-Type").orElseThrow());
        assertThat(header(miss, "Docker-Content-Digest"))
                .isEqualTo(
                        upstream.headers().firstValue("Docker-Content-Digest").orElseThrow())
                .isEqualTo(image.digest());
        assertThat(header(miss, "X-Wharf-Source")).isEqualTo("first");
        assertThat(header(miss, "X-Wharf-Cache")).isEqualTo("MISS");

        EntityExchangeResult<byte[]> hit = pull("mirror", image.name() + "/manifests/1.0");
        assertThat(hit.getResponseBody()).isEqualTo(image.manifest());
        assertThat(header(hit, "X-Wharf-Source")).isEqualTo("first");
        assertThat(header(hit, "X-Wharf-Cache")).isEqualTo("HIT");
    }

    @Test
    void headOfAManifestByTagShouldAnswerTheUpstreamsDigestTypeAndLengthWithoutABody() {
        Image image = pushTo(first, "1.1");

        client.head()
                .uri("/v2/mirror/" + image.name() + "/manifests/1.1")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, MANIFEST_TYPES)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Docker-Content-Digest", image.digest())
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_TYPE, OCI_MANIFEST)
                .expectHeader()
                .contentLength(image.manifest().length)
                .expectHeader()
                .valueEquals("X-Wharf-Cache", "MISS")
                .expectBody()
                .isEmpty();
    }

    @Test
    void conditionalPullWithTheManifestsEntityTagShouldBeNotModifiedFromTheUpstreamAndFromTheCache() {
        Image image = pushTo(first, "1.2");
        String etag = "\"" + image.digest() + "\"";

        for (String reference : List.of("1.2", image.digest())) {
            EntityExchangeResult<Void> result = client.get()
                    .uri("/v2/mirror/" + image.name() + "/manifests/" + reference)
                    .header(HttpHeaders.AUTHORIZATION, basic(READER))
                    .header(HttpHeaders.ACCEPT, MANIFEST_TYPES)
                    .header(HttpHeaders.IF_NONE_MATCH, etag)
                    .exchange()
                    .expectStatus()
                    .isNotModified()
                    .expectHeader()
                    .valueEquals(HttpHeaders.ETAG, etag)
                    .expectHeader()
                    .valueEquals("Docker-Content-Digest", image.digest())
                    .expectBody()
                    .isEmpty();
            assertThat(header(result, "X-Wharf-Source")).as(reference).isEqualTo("first");
            // The tag is fetched from the upstream; by digest, the manifest that fetch recorded is a hit.
            assertThat(header(result, "X-Wharf-Cache"))
                    .as(reference)
                    .isEqualTo(reference.equals("1.2") ? "MISS" : "HIT");
        }
    }

    @Test
    void pullByDigestAfterATagPullShouldBeServedFromTheRegistryAsAHitAndCountedAsAPull() {
        Image image = pushTo(first, "2.0");
        pull("mirror", image.name() + "/manifests/2.0");

        EntityExchangeResult<byte[]> byDigest = pull("mirror", image.name() + "/manifests/" + image.digest());
        assertThat(byDigest.getResponseBody()).isEqualTo(image.manifest());
        assertThat(header(byDigest, "Docker-Content-Digest")).isEqualTo(image.digest());
        assertThat(header(byDigest, "X-Wharf-Source")).isEqualTo("first");
        assertThat(header(byDigest, "X-Wharf-Cache")).isEqualTo("HIT");
        mirroredPackage(image.name())
                .jsonPath("$.latestVersion")
                .isEqualTo(image.digest())
                .jsonPath("$.versionCount")
                .isEqualTo(1)
                .jsonPath("$.downloads")
                .isEqualTo(2)
                .jsonPath("$.lastDownloadedAt")
                .isNotEmpty();
    }

    @Test
    void pullByTagAgainWithinTheTtlShouldBeCountedAsAPullOfTheCopyKeptHere() {
        Image image = pushTo(first, "2.1");
        pull("mirror", image.name() + "/manifests/2.1");

        EntityExchangeResult<byte[]> again = pull("mirror", image.name() + "/manifests/2.1");
        assertThat(header(again, "X-Wharf-Cache")).isEqualTo("HIT");
        mirroredPackage(image.name())
                .jsonPath("$.downloads")
                .isEqualTo(2)
                .jsonPath("$.lastDownloadedAt")
                .isNotEmpty();
    }

    /** The mirror's package as the management API shows it, with the downloads counted so far written first. */
    private WebTestClient.BodyContentSpec mirroredPackage(String name) {
        downloads.flush().block();
        return client.get()
                .uri("/api/v1/registries/mirror/packages/{name}", name)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
    }

    @Test
    void pullByDigestWhenNeverPulledShouldFetchItImmutablyAndRecordIt() {
        Image image = pushTo(first, "3.0");

        EntityExchangeResult<byte[]> miss = pull("mirror", image.name() + "/manifests/" + image.digest());
        assertThat(miss.getResponseBody()).isEqualTo(image.manifest());
        assertThat(header(miss, "X-Wharf-Cache")).isEqualTo("MISS");
        assertThat(header(miss, "X-Wharf-Source")).isEqualTo("first");

        client.get()
                .uri("/api/v1/registries/mirror/packages/{name}", image.name())
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.versionCount")
                .isEqualTo(1);
    }

    @Test
    void pullOfABlobShouldFetchItFromTheUpstreamOnceThenServeItFromTheRegistry() {
        Image image = pushTo(first, "4.0");
        String path = image.name() + "/blobs/" + digest(image.layer());

        EntityExchangeResult<byte[]> miss = pull("mirror", path);
        assertThat(miss.getResponseBody()).isEqualTo(image.layer());
        assertThat(header(miss, "Docker-Content-Digest")).isEqualTo(digest(image.layer()));
        assertThat(header(miss, "X-Wharf-Source")).isEqualTo("first");
        assertThat(header(miss, "X-Wharf-Cache")).isEqualTo("MISS");

        EntityExchangeResult<byte[]> local = pull("mirror", path);
        assertThat(local.getResponseBody()).isEqualTo(image.layer());
        assertThat(header(local, "X-Wharf-Source")).isEqualTo("mirror");
    }

    @Test
    void tagListShouldBeTheUpstreamsTags() {
        Image image = pushTo(first, "5.0");
        first.pushImage(image.name(), "5.1", image.manifest(), OCI_MANIFEST, List.of());

        client.get()
                .uri("/v2/mirror/" + image.name() + "/tags/list")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Wharf-Source", "first")
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("mirror/" + image.name())
                .jsonPath("$.tags")
                .isEqualTo(List.of("5.0", "5.1"));
    }

    @Test
    void pullWhenTheFirstUpstreamHasNotTheImageShouldFetchItFromTheSecond() {
        Image image = pushTo(second, "6.0");

        EntityExchangeResult<byte[]> manifest = pull("mirror", image.name() + "/manifests/6.0");
        assertThat(manifest.getResponseBody()).isEqualTo(image.manifest());
        assertThat(header(manifest, "X-Wharf-Source")).isEqualTo("second");
        EntityExchangeResult<byte[]> layer = pull("mirror", image.name() + "/blobs/" + digest(image.layer()));
        assertThat(layer.getResponseBody()).isEqualTo(image.layer());
        assertThat(header(layer, "X-Wharf-Source")).isEqualTo("second");
    }

    @Test
    void pullByTagAfterTheMetadataTtlShouldServeTheManifestTheUpstreamNowTags() {
        Image image = pushTo(second, "8.0");
        assertThat(pull("mirror", image.name() + "/manifests/8.0").getResponseBody())
                .isEqualTo(image.manifest());
        byte[] config = blob(310);
        byte[] retagged = OciContent.image(OCI_MANIFEST, config, List.of(image.layer()));
        second.pushImage(image.name(), "8.0", retagged, OCI_MANIFEST, List.of(config));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            EntityExchangeResult<byte[]> moved = pull("mirror", image.name() + "/manifests/8.0");
            assertThat(moved.getResponseBody()).isEqualTo(retagged);
            assertThat(header(moved, "X-Wharf-Cache")).isEqualTo("MISS");
            assertThat(header(moved, "Docker-Content-Digest")).isEqualTo(digest(retagged));
        });
        client.get()
                .uri("/api/v1/registries/mirror/packages/{name}", image.name())
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latestVersion")
                .isEqualTo(digest(retagged))
                .jsonPath("$.versionCount")
                .isEqualTo(2);
    }

    @Test
    void skopeoShouldCopyAMultiArchImageOutOfTheProxyAsTheUpstreamHasIt(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(Skopeo.installed(), "skopeo is not installed (apt-get install -y skopeo)");
        OciLayout layout = new OciLayout(work.resolve("source"));
        byte[] amd64 = layout.image("amd64", List.of("x.txt", "y.txt"));
        byte[] arm64 = layout.image("arm64", List.of("z.txt"));
        byte[] index = layout.index(List.of(amd64, arm64), List.of("amd64", "arm64"));
        layout.tag("multi", index, OciContent.OCI_INDEX);
        String name = "team/multi-" + UUID.randomUUID().toString().substring(0, 8);
        Skopeo.run(
                "copy",
                "--all",
                "--dest-tls-verify=false",
                "oci:" + work.resolve("source") + ":multi",
                "docker://" + first.url().substring("http://".length()) + "/" + name + ":1.0");
        String image = "docker://localhost:" + port + "/mirror/" + name;
        String creds = READER + ":" + TestRuntime.PASSWORD;

        assertThat(Skopeo.run("list-tags", "--tls-verify=false", "--creds", creds, image))
                .contains("\"1.0\"");
        Skopeo.run(
                "copy",
                "--all",
                "--src-tls-verify=false",
                "--src-creds",
                creds,
                image + ":1.0",
                "oci:" + work.resolve("copy") + ":multi");

        for (byte[] manifest : List.of(index, amd64, arm64)) {
            assertThat(work.resolve("copy/blobs/sha256/" + digest(manifest).substring("sha256:".length())))
                    .exists()
                    .hasBinaryContent(manifest);
        }
        EntityExchangeResult<byte[]> child = pull("mirror", name + "/manifests/" + digest(arm64));
        assertThat(header(child, "X-Wharf-Source")).isEqualTo("first");
        assertThat(header(child, "X-Wharf-Cache")).isEqualTo("HIT");
    }

    @Test
    void pullWhenNoUpstreamHasTheImageShouldBeManifestUnknown() {
        client.get()
                .uri("/v2/mirror/team/nowhere/manifests/1.0")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("MANIFEST_UNKNOWN");
    }

    @Test
    void pushToAProxyRegistryShouldBeHostedAndServedFromItsOwnContent() {
        String repository =
                "/v2/mirror/team/pushed-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] config = blob(200);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of());
        new OciHttp(client).pushImage(repository, "1.0", manifest, OCI_MANIFEST, List.of(config));

        EntityExchangeResult<byte[]> pulled =
                pull("mirror", repository.substring("/v2/mirror/".length()) + "/manifests/1.0");
        assertThat(pulled.getResponseBody()).isEqualTo(manifest);
        assertThat(header(pulled, "X-Wharf-Source")).isEqualTo("mirror");
        assertThat(header(pulled, "X-Wharf-Cache")).isEqualTo("(none)");
    }

    @Test
    void pullByTagWhenTheUpstreamIsStoppedShouldServeTheCachedManifestStale() {
        Image image = pushTo(stoppable, "7.0");
        EntityExchangeResult<byte[]> miss = pull("stale-mirror", image.name() + "/manifests/7.0");
        assertThat(header(miss, "X-Wharf-Cache")).isEqualTo("MISS");
        pull("stale-mirror", image.name() + "/blobs/" + digest(image.layer()));

        stoppable.close();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            EntityExchangeResult<byte[]> stale = pull("stale-mirror", image.name() + "/manifests/7.0");
            assertThat(stale.getResponseBody()).isEqualTo(image.manifest());
            assertThat(header(stale, "X-Wharf-Cache")).isEqualTo("STALE");
            assertThat(header(stale, "X-Wharf-Source")).isEqualTo("stoppable");
        });
        assertThat(pull("stale-mirror", image.name() + "/blobs/" + digest(image.layer()))
                        .getResponseBody())
                .isEqualTo(image.layer());
    }
}
