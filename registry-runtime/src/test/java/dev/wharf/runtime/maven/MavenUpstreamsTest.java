package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A maven registry in front of two static Maven trees: files checked against the upstream's {@code .sha1} or
 * {@code .sha256} before they are kept, a POM's {@code Last-Modified} kept as its version's publish time, and
 * {@code maven-metadata.xml} merged across the registry's own content and both upstreams, re-checked after the
 * {@code metadataTTL} and served stale while an upstream is down.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MavenUpstreamsTest {

    private static final String REGISTRY = "/maven/merging";

    @TempDir
    static Path root;

    private static StaticMavenTree first;
    private static StaticMavenTree second;
    private static StaticMavenTree failing;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        first = StaticMavenTree.serve(root.resolve("first"));
        second = StaticMavenTree.serve(root.resolve("second"));
        failing = StaticMavenTree.serve(root.resolve("failing"));
        MavenTestRuntime.configure(registry, root);
        MavenTestRuntime.write(
                root.resolve("config"), "merging.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: merging
                spec:
                  format: maven
                  upstreamProxies: [first-tree, second-tree]
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: first-tree
                spec:
                  format: maven
                  url: %s
                  cache: {metadataTTL: 1s, negativeTTL: 1s}
                  timeouts: {connect: 1s, response: 5s}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: second-tree
                spec:
                  format: maven
                  url: %s/
                  cache: {metadataTTL: 1s, negativeTTL: 1s}
                  timeouts: {connect: 1s, response: 5s}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: going-down
                spec:
                  format: maven
                  upstreamProxies: [first-tree, failing-tree]
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: failing-tree
                spec:
                  format: maven
                  url: %s
                  cache: {metadataTTL: 1s, negativeTTL: 1s, maxStale: 1h}
                  timeouts: {connect: 1s, response: 2s}
                """.formatted(first.url(), second.url(), failing.url()));
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        failing.close();
    }

    @Autowired
    private WebTestClient client;

    @Test
    void fileWhenItsBytesDoNotMatchTheUpstreamsSha1ShouldAnswer502WithBothValuesAndKeepNothing() {
        String jar = "org/example/tampered/1.0/tampered-1.0.jar";
        first.putWithSha1(jar, "tampered bytes", "the published bytes");
        String actual = ChecksumAlgorithm.SHA1.of(bytes("tampered bytes"));
        String expected = ChecksumAlgorithm.SHA1.of(bytes("the published bytes"));

        get(REGISTRY + "/" + jar)
                .expectStatus()
                .isEqualTo(502)
                .expectBody()
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail)
                                .contains("upstream 'first-tree' sent /" + jar + " whose bytes have sha1 " + actual
                                        + ", but the upstream's /" + jar + ".sha1 says " + expected
                                        + "; it was not kept"));

        first.putWithSha1(jar, "the published bytes", "the published bytes");
        get(REGISTRY + "/" + jar).expectStatus().isOk().expectBody(String.class).isEqualTo("the published bytes");
    }

    @Test
    void fileWhenTheUpstreamHasOnlyASha256ShouldBeCheckedAgainstIt() {
        String pom = "org/example/sha256only/1.0/sha256only-1.0.pom";
        first.put(pom, "<project/>").put(pom + ".sha256", ChecksumAlgorithm.SHA256.of(bytes("<project>")));

        get(REGISTRY + "/" + pom)
                .expectStatus()
                .isEqualTo(502)
                .expectBody()
                .jsonPath("$.detail")
                .value(
                        String.class,
                        detail -> assertThat(detail)
                                .contains(
                                        "whose bytes have sha256 " + ChecksumAlgorithm.SHA256.of(bytes("<project/>"))));

        String good = "org/example/sha256only/1.1/sha256only-1.1.pom";
        first.put(good, "<project/>").put(good + ".sha256", ChecksumAlgorithm.SHA256.of(bytes("<project/>")));
        get(REGISTRY + "/" + good).expectStatus().isOk();
    }

    @Test
    void pomWhenFetchedFromAnUpstreamShouldKeepItsLastModifiedAsTheVersionsPublishTime() {
        String pom = "org/example/dated/2.0/dated-2.0.pom";
        Instant published = Instant.parse("2026-11-02T08:30:00Z");
        first.putWithSha1(pom, "<project/>", "<project/>").modifiedAt(pom, published);

        get(REGISTRY + "/" + pom).expectStatus().isOk();

        get("/api/v1/registries/merging/packages/org.example:dated/versions/2.0")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.publishedAt")
                .isEqualTo(published.toString());
    }

    @Test
    void metadataShouldListTheVersionsOfTheRegistryAndOfEveryUpstreamAndFollowThemAfterTheTtl() {
        String dir = "org/example/merged";
        first.put(dir + "/maven-metadata.xml", StaticMavenTree.metadata("org.example", "merged", "1.0", "1.1"));
        second.put(dir + "/maven-metadata.xml", StaticMavenTree.metadata("org.example", "merged", "2.0"));
        client.put()
                .uri(REGISTRY + "/" + dir + "/3.0-SNAPSHOT/merged-3.0-20261207.090000-1.pom")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(bytes("<project/>"))
                .exchange()
                .expectStatus()
                .isCreated();

        assertThat(metadata(dir))
                .contains("<latest>3.0-SNAPSHOT</latest>")
                .contains("<release>2.0</release>")
                .contains("<version>1.0</version>\n      <version>1.1</version>\n      <version>2.0</version>\n"
                        + "      <version>3.0-SNAPSHOT</version>");

        second.put(dir + "/maven-metadata.xml", StaticMavenTree.metadata("org.example", "merged", "2.0", "2.1"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> assertThat(metadata(dir)).contains("<release>2.1</release>"));

        String document = metadata(dir);
        get(REGISTRY + "/" + dir + "/maven-metadata.xml.sha1")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo(ChecksumAlgorithm.SHA1.of(bytes(document)));
    }

    @Test
    void metadataWhenAnUpstreamIsNotThereShouldStillMergeTheOthers() {
        String dir = "org/example/partial";
        first.put(dir + "/maven-metadata.xml", StaticMavenTree.metadata("org.example", "partial", "1.0"));

        assertThat(metadata(dir)).contains("<versions>\n      <version>1.0</version>\n    </versions>");
        get(REGISTRY + "/org/example/nowhere/maven-metadata.xml").expectStatus().isNotFound();
    }

    @Test
    void metadataWhenAnUpstreamGoesDownShouldServeItsVersionsStale() {
        String dir = "org/example/fading";
        first.put(dir + "/maven-metadata.xml", StaticMavenTree.metadata("org.example", "fading", "1.0"));
        failing.put(dir + "/maven-metadata.xml", StaticMavenTree.metadata("org.example", "fading", "5.0"));
        assertThat(metadata("/maven/going-down", dir)).contains("<release>5.0</release>");

        failing.close();

        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(300))
                .untilAsserted(() -> get("/maven/going-down/" + dir + "/maven-metadata.xml")
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .valueEquals("X-Wharf-Cache", "STALE")
                        .expectBody(String.class)
                        .value(body ->
                                assertThat(body).contains("<version>1.0</version>\n      <version>5.0</version>")));
    }

    private String metadata(String dir) {
        return metadata(REGISTRY, dir);
    }

    private String metadata(String registry, String dir) {
        String body = get(registry + "/" + dir + "/maven-metadata.xml")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isNotNull();
        return body;
    }

    private WebTestClient.ResponseSpec get(String url) {
        return client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
