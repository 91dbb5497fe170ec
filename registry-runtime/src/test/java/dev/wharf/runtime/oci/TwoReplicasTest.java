package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.WharfRuntimeApplication;
import dev.wharf.runtime.metadata.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two runtimes sharing one PostgreSQL database and one S3 bucket, as two replicas of a Registry's Deployment do, serve
 * the same registry consistently: what one is pushed the other pulls, the same blob and tag pushed through both at
 * once end as one, and what one deletes the other no longer serves.
 */
class TwoReplicasTest {

    private static final String REGISTRY = "replicated";

    @TempDir
    static Path root;

    private static TestDatabase database;
    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();
    private static WebTestClient first;
    private static WebTestClient second;

    @BeforeAll
    static void startTwoReplicas() throws IOException {
        database = TestDatabase.postgres();
        String prefix = "replica-tests/" + UUID.randomUUID() + "/";
        for (String name : List.of("first", "second")) {
            Path replicaRoot = root.resolve(name);
            String[] arguments = Stream.concat(
                            Stream.of(OciTestRuntime.arguments(replicaRoot)),
                            Stream.of(
                                    "--wharf.database.url="
                                            + database.settings().url().r2dbcUrl(),
                                    "--wharf.database.username="
                                            + database.settings().username(),
                                    "--wharf.database.password="
                                            + database.settings().password()))
                    .toArray(String[]::new);
            Files.writeString(replicaRoot.resolve("config").resolve("replicated.yaml"), registry(prefix));
            replicas.add(new SpringApplicationBuilder(WharfRuntimeApplication.class).run(arguments));
        }
        first = client(replicas.get(0));
        second = client(replicas.get(1));
    }

    @AfterAll
    static void stopReplicas() {
        replicas.forEach(ConfigurableApplicationContext::close);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void imagePushedThroughOneReplicaIsPulledWholeThroughTheOther() {
        String repository = repository();
        byte[] config = blob(50);
        byte[] layer = blob(5000);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of(layer));

        new OciHttp(first).pushImage(repository, "1.0", manifest, OCI_MANIFEST, List.of(config, layer));

        assertThat(pull(second, repository + "/manifests/1.0")).isEqualTo(manifest);
        assertThat(pull(second, repository + "/blobs/" + OciContent.digest(layer)))
                .isEqualTo(layer);
        second.get()
                .uri(repository + "/tags/list")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.tags")
                .isEqualTo(List.of("1.0"));
    }

    @Test
    void theSameBlobAndTagPushedThroughBothReplicasAtOnceEndAsOneImage() {
        String repository = repository();
        byte[] config = blob(51);
        byte[] layer = blob(7000);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of(layer));

        CompletableFuture.allOf(Stream.of(first, second)
                        .map(client -> CompletableFuture.runAsync(() -> new OciHttp(client)
                                .pushImage(repository, "1.0", manifest, OCI_MANIFEST, List.of(config, layer))))
                        .toArray(CompletableFuture[]::new))
                .join();

        for (WebTestClient replica : List.of(first, second)) {
            assertThat(pull(replica, repository + "/manifests/1.0")).isEqualTo(manifest);
            assertThat(pull(replica, repository + "/blobs/" + OciContent.digest(layer)))
                    .isEqualTo(layer);
        }
        first.get()
                .uri("/api/v1/registries/{registry}/packages/{package}/versions", REGISTRY, name(repository))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1);
    }

    @Test
    void imageDeletedThroughOneReplicaIsNoLongerServedByTheOther() {
        String repository = repository();
        byte[] config = blob(52);
        byte[] layer = blob(3000);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of(layer));
        new OciHttp(first).pushImage(repository, "1.0", manifest, OCI_MANIFEST, List.of(config, layer));
        assertThat(pull(second, repository + "/manifests/1.0")).isEqualTo(manifest);

        first.delete()
                .uri(
                        "/api/v1/registries/{registry}/packages/{package}/versions/{version}",
                        REGISTRY,
                        name(repository),
                        OciContent.digest(manifest))
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isNoContent();

        for (String path : List.of(
                "/manifests/1.0", "/manifests/" + OciContent.digest(manifest), "/blobs/" + OciContent.digest(layer))) {
            second.get()
                    .uri(repository + path)
                    .header(HttpHeaders.AUTHORIZATION, basic(READER))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
    }

    private static byte[] pull(WebTestClient replica, String path) {
        return replica.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, OCI_MANIFEST)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private static WebTestClient client(ConfigurableApplicationContext replica) {
        return WebTestClient.bindToServer()
                .baseUrl(OciTestRuntime.base(replica))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    private static String repository() {
        return "/v2/" + REGISTRY + "/team/app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String name(String repository) {
        return repository.substring(("/v2/" + REGISTRY + "/").length());
    }

    private static String registry(String prefix) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: replicated-s3
                stringData:
                  accessKey: %s
                  secretKey: %s
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: %s
                spec:
                  format: docker
                  storage:
                    s3:
                      endpoint: "%s"
                      bucket: %s
                      prefix: %s
                      credentialsSecret: replicated-s3
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                      - {subjects: [{group: deleters}], role: delete}
                """.formatted(
                        env("WHARF_TEST_S3_ACCESS_KEY"),
                        env("WHARF_TEST_S3_SECRET_KEY"),
                        REGISTRY,
                        env("WHARF_TEST_S3_ENDPOINT"),
                        env("WHARF_TEST_S3_BUCKET"),
                        prefix);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        assertThat(value)
                .as(
                        "the replica tests need %s: run `scripts/test-services start` and then"
                                + " `eval \"$(scripts/test-services env)\"` (scripts/test does both)",
                        name)
                .isNotBlank();
        return value;
    }
}
