package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A blob mount whose {@code from} is a repository of another docker registry of the runtime ({@code <registry>/<name>})
 * links the blob without copying it when the caller may read that registry and both share a blob store; otherwise it
 * is an upload session (202). Besides the {@link OciTestRuntime} registries (all on the one filesystem store):
 * {@code locked-images}, which only admins may use, and {@code s3-images}, whose blobs are in an S3 bucket.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CrossRegistryMountTest {

    private static final String LOCKED = "locked-images";
    private static final String S3 = "s3-images";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
        try {
            Files.writeString(root.resolve("config").resolve("mounts.yaml"), """
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: locked-images
                    spec:
                      format: docker
                      access:
                        usersSecret: test-users
                        rules:
                          - {subjects: [{group: admins}], role: admin}
                    ---
                    apiVersion: v1
                    kind: Secret
                    metadata:
                      name: mount-test-s3
                    stringData:
                      accessKey: mount-test
                      secretKey: mount-test-secret
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: s3-images
                    spec:
                      format: docker
                      storage:
                        s3: {endpoint: "http://127.0.0.1:9", bucket: wharf, credentialsSecret: mount-test-s3}
                      access:
                        usersSecret: test-users
                        rules:
                          - {subjects: [{group: writers}], role: write}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebTestClient client;

    /**
     * The client with a longer response timeout than the default 5 seconds: on a loaded machine the first requests of
     * a context can take longer, and a client that gives up cancels the request under the runtime.
     */
    @Autowired
    void client(WebTestClient client) {
        this.client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Autowired
    private ServedRegistries registries;

    @Autowired
    private OciBlobLinks links;

    private static String repository(String registry) {
        return "/v2/" + registry + "/team/app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private WebTestClient.ResponseSpec mount(String user, String target, byte[] blob, String from) {
        return client.post()
                .uri(target + "/blobs/uploads/?mount=" + digest(blob) + "&from=" + from)
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .exchange();
    }

    private WebTestClient.ResponseSpec head(String user, String repository, byte[] blob) {
        return client.head()
                .uri(repository + "/blobs/" + digest(blob))
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .exchange();
    }

    /** {@code /v2/images/team/app} names the repository {@code images/team/app} in a mount's {@code from}. */
    private static String from(String repository) {
        return repository.substring("/v2/".length());
    }

    @Test
    void mountingFromARegistrySharingTheStoreThatTheCallerMayReadAnswers201AndServesTheBlob() {
        String source = repository(OciTestRuntime.MUTABLE);
        String target = repository("images");
        byte[] layer = blob(5000);
        new OciHttp(client).pushBlob(source, layer);

        mount(WRITER, target, layer, from(source))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals(HttpHeaders.LOCATION, target + "/blobs/" + digest(layer))
                .expectHeader()
                .valueEquals("Docker-Content-Digest", digest(layer));

        byte[] body = client.get()
                .uri(target + "/blobs/" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isEqualTo(layer);
    }

    @Test
    void mountingFromARegistryTheCallerMayNotReadIsAnUploadSessionAndTheBlobStaysUnknown() {
        String source = repository(LOCKED);
        String target = repository("images");
        byte[] layer = blob(300);
        client.post()
                .uri(source + "/blobs/uploads/?digest=" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(layer)
                .exchange()
                .expectStatus()
                .isCreated();

        mount(WRITER, target, layer, from(source))
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith(target + "/blobs/uploads/"));
        head(ADMIN, target, layer).expectStatus().isNotFound();

        // The same mount by a caller who may read locked-images links the blob: the refusal was the caller's.
        mount(ADMIN, target, layer, from(source)).expectStatus().isCreated();
        head(READER, target, layer).expectStatus().isOk();
    }

    @Test
    void mountingWithARegistryTokenThatGrantsNoReadOfTheSourceIsAnUploadSession() {
        String source = repository(LOCKED);
        String target = repository("images");
        byte[] layer = blob(400);
        client.post()
                .uri(source + "/blobs/uploads/?digest=" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(layer)
                .exchange()
                .expectStatus()
                .isCreated();

        // As docker does: one token for push to the target and pull from the source.
        for (String user : List.of(WRITER, ADMIN)) {
            String token =
                    token(user, "repository:" + from(target) + ":pull,push", "repository:" + from(source) + ":pull");
            client.post()
                    .uri(target + "/blobs/uploads/?mount=" + digest(layer) + "&from=" + from(source))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(user.equals(ADMIN) ? 201 : 202);
        }
    }

    private String token(String user, String... scopes) {
        Map<String, Object> response = client.get()
                .uri(uri -> uri.path("/v2/token")
                        .queryParam("service", "wharf")
                        .queryParam("scope", (Object[]) scopes)
                        .build())
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(response).containsKey("token");
        return String.valueOf(response.get("token"));
    }

    @Test
    void mountingFromARegistryWithAnotherBlobStoreIsAnUploadSession() {
        assertThat(registries.require(S3).store())
                .as("s3-images has a blob store of its own")
                .isNotSameAs(registries.require("images").store());
        String source = repository(S3);
        String target = repository("images");
        byte[] layer = blob(200);
        // The bytes are in the filesystem store (pushed to images) and linked in s3-images: only the stores differ.
        new OciHttp(client).pushBlob(repository("images"), layer);
        links.link(
                        registries.require(S3).id(),
                        from(source).substring(S3.length() + 1),
                        Digest.parse(digest(layer)),
                        200)
                .block();

        mount(WRITER, target, layer, from(source)).expectStatus().isAccepted();
        head(READER, target, layer).expectStatus().isNotFound();
    }

    @Test
    void mountingFromARegistryThatDoesNotExistOrARepositoryWithoutTheBlobIsAnUploadSession() {
        String target = repository("images");
        byte[] layer = blob(100);
        new OciHttp(client).pushBlob(repository("images"), layer);

        mount(WRITER, target, layer, "no-such-registry/team/app").expectStatus().isAccepted();
        mount(WRITER, target, layer, from(repository(OciTestRuntime.MUTABLE)))
                .expectStatus()
                .isAccepted();
        head(READER, target, layer).expectStatus().isNotFound();
    }
}
