package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.unique;
import static dev.wharf.runtime.api.ApiFixtures.upload;
import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code POST .../versions/<version>/copy} against the running runtime. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class VersionCopierTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void copyVersionShouldMakeItTheLatestOfTheTargetWithTheSameBytesAndMetadata() {
        String pkg = unique("promoted");
        upload(client, "files", pkg, "1.0", "app.txt", utf8("release candidate"));
        client.put()
                .uri("/api/v1/registries/files/packages/" + pkg + "/versions/1.0/metadata")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"commit\": \"abc123\"}")
                .exchange()
                .expectStatus()
                .isOk();

        copy(pkg, "1.0", "{\"targetRegistry\": \"copies\"}", WRITER)
                .expectStatus()
                .isCreated()
                .expectHeader()
                .location("/api/v1/registries/copies/packages/" + pkg + "/versions/1.0")
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo("1.0")
                .jsonPath("$.latest")
                .isEqualTo(true)
                .jsonPath("$.pushedBy")
                .isEqualTo("user:writer")
                .jsonPath("$.files[0].path")
                .isEqualTo("app.txt");

        get("/api/v1/registries/copies/packages/" + pkg + "/versions/latest")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo("1.0")
                .jsonPath("$.metadata.commit")
                .isEqualTo("abc123");
        byte[] copied = get("/generic/copies/" + pkg + "/1.0/app.txt")
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(copied).isEqualTo(utf8("release candidate"));
    }

    @Test
    void copyVersionWhenTargetHasItShouldAnswer409() {
        String pkg = unique("twice");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));
        copy(pkg, "1.0", "{\"targetRegistry\": \"copies\"}", WRITER)
                .expectStatus()
                .isCreated();

        copy(pkg, "1.0", "{\"targetRegistry\": \"copies\"}", WRITER)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Version exists")
                .jsonPath("$.detail")
                .isEqualTo("registry copies already has version 1.0 of " + pkg
                        + "; delete it there first to copy it again");
    }

    @Test
    void copyVersionWhenTargetServesAnotherFormatShouldAnswer409NamingBothFormats() {
        String pkg = unique("mismatch");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        copy(pkg, "1.0", "{\"targetRegistry\": \"jars\"}", WRITER)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("registry 'jars' serves maven but registry 'files' serves generic; a version can only be"
                        + " copied to a registry of the same format");
    }

    @Test
    void copyVersionWhenTargetIsUnknownShouldAnswer404() {
        String pkg = unique("nowhere");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        copy(pkg, "1.0", "{\"targetRegistry\": \"missing\"}", WRITER)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Registry not found");
    }

    @Test
    void copyVersionWhenTargetIsTheSourceShouldAnswer400() {
        String pkg = unique("self");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        copy(pkg, "1.0", "{\"targetRegistry\": \"files\"}", WRITER)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the targetRegistry is 'files', the registry the version is in; name another registry of"
                        + " the same format");
    }

    @Test
    void copyVersionWhenBodyNamesNoTargetShouldAnswer400WithAnExample() {
        String pkg = unique("aimless");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        copy(pkg, "1.0", "{}", WRITER)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("the body names no targetRegistry; send a JSON object such as {\"targetRegistry\":"
                        + " \"releases\"}");
    }

    @Test
    void copyVersionWhenCallerCannotWriteTheTargetShouldAnswer403() {
        String pkg = unique("readonly");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        copy(pkg, "1.0", "{\"targetRegistry\": \"copies\"}", READER)
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("reader does not have the write role in registry 'copies'; an admin of the registry can"
                        + " grant it in spec.access.rules");
        get("/api/v1/registries/copies/packages/" + pkg).expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec copy(String pkg, String version, String body, String user) {
        return client.post()
                .uri("/api/v1/registries/files/packages/" + pkg + "/versions/" + version + "/copy")
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String uri) {
        return client.get()
                .uri(uri)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange();
    }
}
